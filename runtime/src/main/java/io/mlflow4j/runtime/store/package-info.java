/**
 * API: what a tracking store and a model registry do, backend aside: {@link
 * io.mlflow4j.runtime.store.TrackingStore} (experiments, runs, params, metrics, tags, artifacts,
 * MLflow 3 logged models) and {@link io.mlflow4j.runtime.store.ModelRegistry} (registered models,
 * versions, aliases), with the values they return. {@code Mlflow.store()} gives the one for
 * {@code MLFLOW_TRACKING_URI}; the backends live in {@code store.file}, {@code store.rest} and
 * {@code store.sqlite}, which are not API.
 */
package io.mlflow4j.runtime.store;
