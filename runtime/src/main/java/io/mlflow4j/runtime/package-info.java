/**
 * mlflow4j's entry points, the public API most programs need: {@link io.mlflow4j.runtime.Mlflow}
 * (tracking URI, runs, the registry), {@link io.mlflow4j.runtime.ActiveRun},
 * {@link io.mlflow4j.runtime.MlflowModels} (save, log, load), {@link io.mlflow4j.runtime.LoadedModel},
 * {@link io.mlflow4j.runtime.LogOptions}, {@link io.mlflow4j.runtime.ModelInfo} and
 * {@link io.mlflow4j.runtime.TrackingStores}.
 *
 * <pre>{@code
 * try (ActiveRun run = Mlflow.startRun("iris")) {
 *     ModelInfo info = IrisClassifierLogger.log(model, run, "model");
 * }
 * LoadedModel loaded = MlflowModels.load("models:/iris-classifier@champion");
 * }</pre>
 *
 * <p>API packages: this one, {@code data}, {@code schema}, {@code error}, {@code store} and
 * {@code scoring}. Everything else ({@code internal}, {@code generated}, {@code model},
 * {@code uri}, {@code bridge}, {@code store.file}, {@code store.rest}, {@code store.sqlite}) is the
 * runtime's own and may change in any release, public types included.
 */
package io.mlflow4j.runtime;
