package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's {@code /invocations}, as a pipeline: a JSON or CSV body is read once into an
 * {@link InputFrame} whatever its form ({@link JsonPayloads}, {@link CsvPayloads}), typed once
 * against the signature as a table or as tensors ({@link TableTyping}, {@link TensorTyping}), then
 * predicted with the model's own schema enforcement, and the answer is {@code {"predictions": ...}}
 * ({@link PredictionWriter}) or MLflow's error JSON with MLflow's status. It never throws for bad
 * input and never puts a stack trace in an answer; the scoring server (module mlflow4j-server)
 * serves it over HTTP and {@code mlflow4j predict} calls it directly.
 *
 * <pre>{@code
 * Invocations invocations = new Invocations(model);
 * ScoringResponse r = invocations.invoke("application/json",
 *         "{\"dataframe_records\": [{\"x\": 1.0}]}".getBytes(StandardCharsets.UTF_8));
 * }</pre>
 */
public final class Invocations {
    private static final Logger LOG = LoggerFactory.getLogger(Invocations.class);
    private final LoadedModel model;
    private final ModelSignature signature;
    private final Schema schema;

    /** Answers for this model: column, nested, binary, datetime and tensor signatures alike. */
    public Invocations(LoadedModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.signature = model.signature();
        this.schema = signature == null ? null : signature.inputs();
    }

    /**
     * Answers one request.
     *
     * @param contentType the request's {@code Content-Type} header, or {@code null}
     * @param body the request body
     */
    public ScoringResponse invoke(String contentType, byte[] body) {
        try {
            ScoringRequest request = read(contentType, body);
            Map<String, Object> params = request.params();
            if (schema != null && schema.isTensor()) {
                List<Tensor> input = TensorTyping.type(request, schema);
                request = null; // the frame can go: the tensors hold the input
                List<Tensor> output = predictTensors(input, params);
                input = null; // the input can go while the answer is written
                return ScoringResponse.json(200, PredictionWriter.writeTensors(output));
            }
            Table input = TableTyping.type(request, schema);
            request = null; // the frame can go: the table holds the input
            Table output = predict(input, params);
            input = null; // the input can go while the answer is written
            return ScoringResponse.json(200, PredictionWriter.write(output));
        } catch (ScoringError e) {
            return e.toResponse();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("The scoring server failed on a request; this is a bug in mlflow4j or the model.", e);
            return ScoringError.of(500, "INTERNAL_ERROR", "The scoring server failed on this request: "
                    + e.getClass().getSimpleName() + ". The server log has the details.").toResponse();
        }
    }

    /** The first stage: the body, in whichever form, read into one frame. */
    private ScoringRequest read(String contentType, byte[] body) {
        return ContentTypes.check(contentType) == ContentTypes.Kind.CSV
                ? CsvPayloads.read(body, signature)
                : JsonPayloads.read(body, signature);
    }

    /** The last stage: the model's own schema enforcement, then its predict. */
    private Table predict(Table input, Map<String, Object> params) {
        try {
            return model.predict(input, params);
        } catch (MlflowException e) {
            throw refused(e, summary(input));
        } catch (ModelPredictionException e) {
            throw modelFailed(e);
        }
    }

    private List<Tensor> predictTensors(List<Tensor> input, Map<String, Object> params) {
        try {
            return model.predictTensors(input, params);
        } catch (MlflowException e) {
            throw refused(e, input.toString());
        } catch (ModelPredictionException e) {
            throw modelFailed(e);
        }
    }

    private static ScoringError refused(MlflowException e, String data) {
        return ScoringError.of(statusOf(e.errorCode()), e.errorCode().name(),
                "Failed to predict data '" + data + "'. \nError: " + e.getMessage());
    }

    private static ScoringError modelFailed(ModelPredictionException e) {
        LOG.warn("The model failed on a request: {}", e.getMessage(), e.getCause());
        return ScoringError.badRequest("Encountered an unexpected error while evaluating the model. Verify that"
                + " the serialized input Dataframe is compatible with the model for inference. The model"
                + " raised " + e.getCause().getClass().getSimpleName() + "; the server log has the details.");
    }

    /** MLflow's HTTP status for its error codes. */
    private static int statusOf(MlflowException.ErrorCode code) {
        return switch (code) {
            case RESOURCE_DOES_NOT_EXIST -> 404;
            case INTERNAL_ERROR -> 500;
            default -> 400;
        };
    }

    /** A short description of the input for error messages: rows and typed columns. */
    static String summary(Table table) {
        List<String> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            columns.add((c.name() == null ? "" : c.name() + ": ") + c.type());
        }
        return table.rowCount() + " rows x " + columns;
    }
}
