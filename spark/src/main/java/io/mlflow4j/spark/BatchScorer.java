package io.mlflow4j.spark;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.schema.Schema;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What a task needs to score: the shipped model, the params of this call, and the signature as
 * JSON (schemas are read again on the executor). Scores one batch of rows at a time through
 * {@link LoadedModel#predict}, so every batch gets the same schema enforcement as anywhere else.
 */
final class BatchScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ShippedModel model;
    private final HashMap<String, Object> params;
    private final String inputsJson;
    private final String outputsJson;
    private final String zone;
    private final boolean java8Api;
    private final int batchSize;
    private transient ModelOutputs outputs;

    BatchScorer(
            ShippedModel model,
            Map<String, ?> params,
            Schema inputs,
            Schema outputs,
            ZoneId zone,
            boolean java8Api,
            int batchSize) {
        this.model = model;
        this.params = params == null ? null : new HashMap<>(params);
        this.inputsJson = inputs.toJson();
        this.outputsJson = outputs == null ? null : outputs.toJson();
        this.zone = zone.getId();
        this.java8Api = java8Api;
        this.batchSize = batchSize;
    }

    int batchSize() {
        return batchSize;
    }

    String modelName() {
        return model.name();
    }

    ModelInputs inputs(StructType rowType) {
        return new ModelInputs(rowType, Schema.fromJson(inputsJson), ZoneId.of(zone), model.name());
    }

    ModelOutputs outputs() {
        if (outputs == null) {
            outputs = new ModelOutputs(
                    outputsJson == null ? null : Schema.fromJson(outputsJson), ZoneId.of(zone), java8Api);
        }
        return outputs;
    }

    /**
     * Predicts on {@code rows[0..count)} and writes the outputs of row {@code r} into
     * {@code out[r][offset...]}. A failing model fails the task with its error and its name.
     */
    void score(ModelInputs inputs, Row[] rows, int count, Object[][] out, int offset) {
        LoadedModel loaded = model.get();
        try {
            if (inputs.isTensor()) {
                outputs()
                        .write(
                                loaded.predictTensors(inputs.tensors(rows, count), params),
                                count,
                                out,
                                offset,
                                model.name());
            } else {
                outputs().write(loaded.predict(inputs.table(rows, count), params), count, out, offset, model.name());
            }
        } catch (RuntimeException e) {
            throw named(e, count);
        }
    }

    /** The model's output columns for a batch of {@code count} rows, in the order of {@code outputs().struct()}. */
    Column[] score(Table input, int count) {
        LoadedModel loaded = model.get();
        try {
            return outputs().columns(loaded.predict(input, params), count, model.name());
        } catch (RuntimeException e) {
            throw named(e, count);
        }
    }

    private RuntimeException named(RuntimeException e, int count) {
        if (e instanceof ModelPredictionException) {
            return e; // its message names the model and its error
        }
        if (e instanceof MlflowException
                || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return new ModelPredictionException(
                    "Model '" + model.name() + "' could not score a batch of " + count + " rows: " + e.getMessage(), e);
        }
        return e;
    }
}
