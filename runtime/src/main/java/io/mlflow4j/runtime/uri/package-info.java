/**
 * Not API. Model URIs resolved to local model folders against a store passed in: paths,
 * {@code file:}, {@code runs:/}, {@code models:/<name>/<version>}, {@code models:/<name>@<alias>}
 * and MLflow 3's {@code models:/m-<id>}. Use {@code MlflowModels.load(uri)}.
 */
package io.mlflow4j.runtime.uri;
