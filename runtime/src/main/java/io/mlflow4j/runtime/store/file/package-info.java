/**
 * Not API. MLflow's file store ({@code ./mlruns}): runs, metrics, logged models and the model
 * registry in exactly the files and YAML MLflow writes, safe for several threads and processes.
 */
package io.mlflow4j.runtime.store.file;
