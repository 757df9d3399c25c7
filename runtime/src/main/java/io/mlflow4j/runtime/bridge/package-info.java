/**
 * Not API. The JVM side of the Python bridge: the process MLflow's Python loader
 * ({@code mlflow4j_loader.py}) starts to run a model's predict, and the binary frames they
 * exchange over its standard input and output.
 */
package io.mlflow4j.runtime.bridge;
