package io.mlflow4j.examples.credit;

import io.mlflow4j.annotations.Column;

/** The model's probability that the loan defaults, and the decision at the threshold. */
public record CreditRisk(@Column("default_probability") double defaultProbability, boolean approve) {}
