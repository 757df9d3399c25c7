package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.ParamsEnforcer;
import io.mlflow4j.runtime.schema.SchemaEnforcer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predict stage for prepared requests of any protocol: one alone, or several with the same
 * {@link PreparedRequest#batchKey()} as one call to the model whose output is cut back into one
 * answer each, in order. When the batch fails, or the model does not answer one row per input row,
 * each request is predicted alone, so a bad request fails only itself, with the answer it would
 * get alone.
 */
public final class Predictions {
    private static final Logger LOG = LoggerFactory.getLogger(Predictions.class);
    private final LoadedModel model;

    public Predictions(LoadedModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The answer to one request. */
    public ScoringResponse answer(PreparedRequest request) {
        if (request.refusal() != null) {
            return request.refusal();
        }
        AnswerFormat format = request.format();
        try {
            if (request.tensors() != null) {
                List<Tensor> output = model.predictTensors(request.tensors(), request.params());
                return format.tensors(output);
            }
            return format.table(model.predict(request.table(), request.params()));
        } catch (MlflowException e) {
            String data =
                    request.tensors() != null ? request.tensors().toString() : Invocations.summary(request.table());
            return format.refused(e, data);
        } catch (ModelPredictionException e) {
            return format.modelFailed(e);
        }
    }

    /**
     * The request checked against the signature and params schema now, as predicting it would check
     * it: the enforced input, or the refusal it would get alone. Requests join a batch checked, so
     * one that does not fit never fails the others.
     */
    public PreparedRequest checked(PreparedRequest request) {
        if (request.refusal() != null || request.table() == null) {
            return request;
        }
        ModelSignature signature = model.signature();
        try {
            Table enforced = signature != null && signature.inputs() != null
                    ? SchemaEnforcer.enforce(request.table(), signature.inputs())
                    : request.table();
            ParamsEnforcer.enforce(signature == null ? null : signature.params(), request.params());
            return PreparedRequest.ofTable(enforced, request.params(), request.format());
        } catch (MlflowException e) {
            return PreparedRequest.refused(request.format().refused(e, Invocations.summary(request.table())));
        }
    }

    /**
     * The answers to requests that share one batch key, in their order: one predict for all of them.
     */
    public List<ScoringResponse> answerAll(List<PreparedRequest> batch) {
        if (batch.size() == 1) {
            return List.of(answer(batch.get(0)));
        }
        List<Table> inputs = new ArrayList<>(batch.size());
        for (PreparedRequest r : batch) {
            inputs.add(r.table());
        }
        Table output;
        try {
            output = model.predict(TableBatches.concat(inputs), batch.get(0).params());
        } catch (RuntimeException e) {
            LOG.debug("A batch of {} requests failed; predicting each alone: {}", batch.size(), e.toString());
            return eachAlone(batch);
        }
        int total = 0;
        for (Table t : inputs) {
            total += t.rowCount();
        }
        if (output.rowCount() != total) {
            LOG.debug(
                    "The model answered {} rows for a batch of {}; predicting each request alone",
                    output.rowCount(),
                    total);
            return eachAlone(batch);
        }
        List<ScoringResponse> answers = new ArrayList<>(batch.size());
        int from = 0;
        for (PreparedRequest r : batch) {
            int to = from + r.rows();
            answers.add(r.format().table(TableBatches.slice(output, from, to)));
            from = to;
        }
        return answers;
    }

    private List<ScoringResponse> eachAlone(List<PreparedRequest> batch) {
        List<ScoringResponse> answers = new ArrayList<>(batch.size());
        for (PreparedRequest r : batch) {
            answers.add(answer(r));
        }
        return answers;
    }
}
