package io.mlflow4j.runtime.store;

/**
 * An MLflow experiment.
 *
 * @param experimentId the id, always a string ({@code "0"} is the Default experiment)
 * @param name the unique name
 * @param artifactLocation where runs of this experiment store artifacts
 * @param lifecycleStage {@code active} or {@code deleted}
 */
public record Experiment(String experimentId, String name, String artifactLocation, String lifecycleStage) {}
