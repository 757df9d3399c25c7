package io.mlflow4j.runtime.store;

/**
 * One metric value.
 *
 * @param key the metric's name
 * @param value the value
 * @param timestamp when it was measured, epoch milliseconds
 * @param step the training step
 */
public record Metric(String key, double value, long timestamp, long step) {}
