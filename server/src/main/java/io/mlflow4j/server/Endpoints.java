package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.OpenInference;

/**
 * What the routes of one server call: the dispatcher for predictions, MLflow's protocol, the Open
 * Inference Protocol, and the metrics ({@code null} when turned off).
 */
record Endpoints(
        InvocationDispatcher dispatcher, Invocations invocations, OpenInference inference, ServerMetrics metrics) {}
