package io.mlflow4j.examples.churn;

/** Whether the customer is predicted to leave, and the booster's probability of it. */
public record ChurnPrediction(boolean churn, double probability) {}
