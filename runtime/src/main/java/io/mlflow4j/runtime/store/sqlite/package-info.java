/**
 * Not API. MLflow 3's default tracking store, {@code sqlite:///mlflow.db}, written through plain
 * JDBC (sqlite-jdbc): MLflow 3.11.1's schema and alembic revision for a new database, one
 * transaction per operation, busy retries beside other writers (Python MLflow included); runs,
 * metrics, logged models and the model registry, with artifacts under {@code ./mlruns}.
 */
package io.mlflow4j.runtime.store.sqlite;
