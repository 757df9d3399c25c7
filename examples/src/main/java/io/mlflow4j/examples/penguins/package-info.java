/** Example: a penguin species classifier trained with Tribuo, a Java ML library, packaged with its jars. */
package io.mlflow4j.examples.penguins;
