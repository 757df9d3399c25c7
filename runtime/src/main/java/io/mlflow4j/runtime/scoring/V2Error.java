package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the Open Inference Protocol refuses, answered with its error shape,
 * {@code {"error": "<message>"}}. Like ScoringError, it never carries a stack trace.
 */
final class V2Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** MLServer's prefix for what its codecs cannot read. */
    static final String CODEC = "There was an error encoding / decoding the payload: ";

    private final int status;

    private V2Error(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request is well formed but cannot be decoded for this model. */
    static V2Error badRequest(String message) {
        return new V2Error(400, message);
    }

    /** 422, as MLServer (FastAPI) answers a body that is not an infer request at all. */
    static V2Error unprocessable(String message) {
        return new V2Error(422, message);
    }

    ScoringResponse toResponse() {
        return response(status, getMessage());
    }

    static ScoringResponse response(int status, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("error", message);
        return ScoringResponse.json(status, V2Json.bytes(error));
    }
}
