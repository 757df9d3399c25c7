package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.Invocations;

/**
 * What the routes of one server call: the dispatcher for predictions, MLflow's protocol, and the
 * metrics ({@code null} when turned off).
 */
record Endpoints(InvocationDispatcher dispatcher, Invocations invocations, ServerMetrics metrics) {}
