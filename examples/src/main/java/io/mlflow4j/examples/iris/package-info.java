/** The main example: an iris classifier (nearest centroid) logged, registered as {@code iris-classifier@champion}, loaded back and served. */
package io.mlflow4j.examples.iris;
