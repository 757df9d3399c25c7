/** Example: a customer churn classifier on XGBoost (xgboost4j), with params, metrics and a typed and a table predict. */
package io.mlflow4j.examples.churn;
