package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.TensorSpec;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Open Inference Protocol (KServe V2 REST) for one model, beside MLflow's protocol: server and
 * model metadata, and infer requests, mapped from the model's signature as Seldon's MLServer maps
 * an MLflow model ({@code mlflow models serve --enable-mlserver}). The model is known by its
 * {@code @MlflowModel} name; it has no versions.
 *
 * <pre>{@code
 * OpenInference v2 = new OpenInference(model);
 * ScoringResponse r = predictions.answer(v2.prepare(body));   // POST /v2/models/<name>/infer
 * }</pre>
 */
public final class OpenInference {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final String modelName;
    private final ModelSignature signature;

    public OpenInference(LoadedModel model) {
        Objects.requireNonNull(model, "model");
        this.modelName = model.name();
        this.signature = model.signature();
    }

    public String modelName() {
        return modelName;
    }

    /** {@code GET /v2}. */
    public ScoringResponse serverMetadata() {
        ObjectNode metadata = NODES.objectNode();
        metadata.put("name", "mlflow4j");
        metadata.put("version", Versions.mlflow4j());
        metadata.putArray("extensions");
        return ScoringResponse.json(200, V2Json.bytes(metadata));
    }

    /**
     * {@code GET /v2/models/{name}}: the signature's inputs and outputs as metadata tensors (a column
     * is {@code [-1, 1]}; an unnamed one {@code input-<i>}), and the request content type MLServer
     * would expect ({@code pd} for columns, {@code np} for one unnamed tensor, {@code dict} for
     * named tensors).
     */
    public ScoringResponse modelMetadata() {
        ObjectNode metadata = NODES.objectNode();
        metadata.put("name", modelName);
        metadata.putArray("versions");
        metadata.put("platform", "");
        if (signature != null) {
            if (signature.inputs() != null) {
                metadata.set("inputs", tensors(signature.inputs(), "input-"));
            }
            if (signature.outputs() != null) {
                metadata.set("outputs", tensors(signature.outputs(), "output-"));
            }
            if (signature.inputs() != null) {
                Schema in = signature.inputs();
                metadata.putObject("parameters")
                        .put("content_type", !in.isTensor() ? "pd" : in.hasNames() ? "dict" : "np");
            }
        }
        return ScoringResponse.json(200, V2Json.bytes(metadata));
    }

    /** 404 in MLServer's words, for a model name (and version) this server does not serve. */
    public ScoringResponse modelNotFound(String name, String version) {
        return V2Error.response(
                404, "Model " + name + (version == null ? "" : " with version " + version) + " not found");
    }

    /**
     * Reads and types an infer request for {@link Predictions}; never throws for bad input: a refused
     * request carries its answer in the protocol's error shape.
     */
    public PreparedRequest prepare(byte[] body) {
        try {
            JsonNode root = InferRequests.parse(body);
            JsonNode id = root.isObject() ? root.get("id") : null;
            String requestId = id != null && id.isTextual() ? id.textValue() : randomId();
            return InferRequests.decode(root, signature, new InferResponses(modelName, requestId));
        } catch (V2Error e) {
            return PreparedRequest.refused(e.toResponse());
        } catch (RuntimeException | StackOverflowError e) {
            Invocations.internalError(e); // logs it
            return PreparedRequest.refused(V2Error.response(
                    500,
                    "The server failed on this request: " + e.getClass().getSimpleName()
                            + ". The server log has the details."));
        }
    }

    private static ArrayNode tensors(Schema schema, String prefix) {
        ArrayNode list = NODES.arrayNode();
        if (schema.isTensor()) {
            for (int i = 0; i < schema.tensors().size(); i++) {
                TensorSpec spec = schema.tensors().get(i);
                ObjectNode t = list.addObject();
                t.put("name", spec.name() != null ? spec.name() : prefix + i);
                t.put("datatype", V2Types.datatype(spec.dtype()));
                ArrayNode shape = t.putArray("shape");
                spec.shape().forEach(shape::add);
                t.putObject("parameters").put("content_type", "np");
            }
        } else {
            for (int i = 0; i < schema.columns().size(); i++) {
                ColSpec spec = schema.columns().get(i);
                ObjectNode t = list.addObject();
                t.put("name", spec.name() != null ? spec.name() : prefix + i);
                t.put("datatype", V2Types.datatype(spec.type()));
                t.putArray("shape").add(-1).add(1);
                t.putObject("parameters").put("content_type", V2Types.contentType(spec));
            }
        }
        return list;
    }

    /**
     * A random (version 4) UUID for a request that sent no id, as MLServer gives one. From
     * ThreadLocalRandom, not UUID.randomUUID: an id needs no secure randomness, and SecureRandom is
     * shared by every worker thread.
     */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
