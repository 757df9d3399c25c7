package io.mlflow4j.examples.penguins;

/** The most likely species and Tribuo's probability for it. */
public record SpeciesPrediction(String species, double probability) {}
