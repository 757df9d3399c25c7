/** Example: a sensor anomaly model with a tensor signature (numpy arrays in and out). */
package io.mlflow4j.examples.sensors;
