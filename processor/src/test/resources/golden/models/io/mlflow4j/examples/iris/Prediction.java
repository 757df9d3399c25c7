package io.mlflow4j.examples.iris;

/** The predicted species and the model's confidence in it; "unknown" when below the threshold. */
public record Prediction(String species, double probability) {}
