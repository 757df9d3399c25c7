package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.List;
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
    private final Predictions predictions;

    /** Answers for this model: column, nested, binary, datetime and tensor signatures alike. */
    public Invocations(LoadedModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.signature = model.signature();
        this.schema = signature == null ? null : signature.inputs();
        this.predictions = new Predictions(model);
    }

    /**
     * Answers one request.
     *
     * @param contentType the request's {@code Content-Type} header, or {@code null}
     * @param body the request body
     */
    public ScoringResponse invoke(String contentType, byte[] body) {
        try {
            return predictions.answer(prepare(contentType, body));
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(e);
        }
    }

    /**
     * The first two stages: the body, in whichever form, read into one frame, then typed against the
     * signature; the result waits for {@link Predictions}, alone or in a batch. Never throws for bad
     * input: a refused request carries its answer.
     */
    public PreparedRequest prepare(String contentType, byte[] body) {
        try {
            ScoringRequest request = ContentTypes.check(contentType) == ContentTypes.Kind.CSV
                    ? CsvPayloads.read(body, signature)
                    : JsonPayloads.read(body, signature);
            if (schema != null && schema.isTensor()) {
                return PreparedRequest.ofTensors(TensorTyping.type(request, schema), request.params(), ANSWERS);
            }
            return PreparedRequest.ofTable(TableTyping.type(request, schema), request.params(), ANSWERS);
        } catch (ScoringError e) {
            return PreparedRequest.refused(e.toResponse());
        } catch (RuntimeException | StackOverflowError e) {
            return PreparedRequest.refused(internalError(e));
        }
    }

    static ScoringResponse internalError(Throwable e) {
        LOG.error("The scoring server failed on a request; this is a bug in mlflow4j or the model.", e);
        return ScoringError.of(
                        500,
                        "INTERNAL_ERROR",
                        "The scoring server failed on this request: "
                                + e.getClass().getSimpleName() + ". The server log has the details.")
                .toResponse();
    }

    /** MLflow's answers: {@code {"predictions": ...}}, and its error JSON for what the predict stage refuses. */
    private static final AnswerFormat ANSWERS = new AnswerFormat() {
        @Override
        public ScoringResponse table(Table output) {
            return ScoringResponse.json(200, PredictionWriter.write(output));
        }

        @Override
        public ScoringResponse tensors(List<Tensor> output) {
            return ScoringResponse.json(200, PredictionWriter.writeTensors(output));
        }

        @Override
        public ScoringResponse refused(MlflowException e, String data) {
            return ScoringError.of(
                            statusOf(e.errorCode()),
                            e.errorCode().name(),
                            "Failed to predict data '" + data + "'. \nError: " + e.getMessage())
                    .toResponse();
        }

        @Override
        public ScoringResponse modelFailed(ModelPredictionException e) {
            LOG.warn("The model failed on a request: {}", e.getMessage(), e.getCause());
            return ScoringError.badRequest("Encountered an unexpected error while evaluating the model. Verify that"
                            + " the serialized input Dataframe is compatible with the model for inference. The model"
                            + " raised " + e.getCause().getClass().getSimpleName()
                            + "; the server log has the details.")
                    .toResponse();
        }
    };

    /** MLflow's HTTP status for its error codes. */
    static int statusOf(MlflowException.ErrorCode code) {
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
