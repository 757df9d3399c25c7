/** Example: an order-risk model over nested columns (arrays, objects and maps), as MLflow's array and object types. */
package io.mlflow4j.examples.orders;
