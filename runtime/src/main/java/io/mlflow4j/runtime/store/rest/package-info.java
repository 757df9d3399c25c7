/**
 * Not API. A tracking server over MLflow's REST API: the tracking and registry stores, the HTTP
 * client (MLflow's retries, timeouts, TLS and credentials), and artifact transfer through the
 * server's proxied {@code mlflow-artifacts} API.
 */
package io.mlflow4j.runtime.store.rest;
