/**
 * The scoring server on Netty: MLflow's {@code /ping}, {@code /health}, {@code /version} and
 * {@code /invocations} over HTTP/1.1, with limits on request size, headers, connections and time
 * that keep it serving under abuse. {@link io.mlflow4j.server.ScoringServer} and {@link
 * io.mlflow4j.server.ScoringServerOptions} are its API; the protocol itself (reading payloads,
 * typing, writing predictions) is {@code io.mlflow4j.runtime.scoring}.
 */
package io.mlflow4j.server;
