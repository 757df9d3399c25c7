package io.mlflow4j.runtime;

import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.model.ColumnPredictor;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.model.TensorPredictor;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.ParamsEnforcer;
import io.mlflow4j.runtime.schema.SchemaEnforcer;
import io.mlflow4j.runtime.schema.TensorEnforcer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A model loaded from a folder or URI, the Java counterpart of MLflow's {@code PyFuncModel}:
 * predict over a table of columns, with the signature enforced as MLflow enforces it.
 *
 * <pre>{@code
 * try (LoadedModel model = MlflowModels.load("runs:/<run id>/model")) {
 *     Table out = model.predict(input, Map.of("threshold", 0.7));
 * }
 * }</pre>
 */
public final class LoadedModel implements AutoCloseable {
    private final Path modelRoot;
    private final ModelSignature signature;
    private final ModelAdapter<?> adapter;
    private final AutoCloseable resources;
    private final Duration loadTime;

    LoadedModel(
            Path modelRoot,
            ModelSignature signature,
            ModelAdapter<?> adapter,
            AutoCloseable resources,
            Duration loadTime) {
        this.modelRoot = modelRoot;
        this.signature = signature;
        this.adapter = adapter;
        this.resources = resources;
        this.loadTime = loadTime;
    }

    /** How long loading took: resolving the URI (a download included), the class loader and {@code @Load}. */
    public Duration loadTime() {
        return loadTime;
    }

    /** The signature stored in the model's {@code MLmodel}. */
    public ModelSignature signature() {
        return signature;
    }

    public Path modelRoot() {
        return modelRoot;
    }

    /** The model's name from {@code @MlflowModel}. */
    public String name() {
        return adapter.spec().name();
    }

    public Table predict(Table input) {
        return predict(input, null);
    }

    /**
     * Enforces the input schema (missing columns, safe widening, dropping extra columns) and the
     * params schema (defaults, conversions), then predicts.
     *
     * @throws MlflowException with {@code INVALID_PARAMETER_VALUE} when the input does not fit
     * @throws ModelPredictionException when the model's own code fails
     */
    public Table predict(Table input, Map<String, ?> params) {
        if (signature != null
                && signature.inputs() != null
                && signature.inputs().isTensor()) {
            throw MlflowException.invalidParameter("Model '" + name() + "' takes tensors " + signature.inputs()
                    + ", not columns. Call predictTensors.");
        }
        Table enforced = signature != null && signature.inputs() != null
                ? SchemaEnforcer.enforce(input, signature.inputs())
                : input;
        Params enforcedParams = ParamsEnforcer.enforce(signature == null ? null : signature.params(), params);
        try {
            return columnPredictor().predict(enforced, enforcedParams);
        } catch (MlflowException | ModelPredictionException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelPredictionException("Model '" + name() + "' failed to predict: " + e, e);
        }
    }

    public List<Tensor> predictTensors(List<Tensor> input) {
        return predictTensors(input, null);
    }

    /**
     * Predicts on tensors, for models with a tensor signature: dtype and shape are checked as
     * MLflow checks them (exact dtype, fixed dimensions equal).
     */
    public List<Tensor> predictTensors(List<Tensor> input, Map<String, ?> params) {
        if (signature == null
                || signature.inputs() == null
                || !signature.inputs().isTensor()) {
            throw MlflowException.invalidParameter(
                    "Model '" + name() + "' takes columns, not tensors. Call predict with a Table.");
        }
        List<Tensor> enforced = TensorEnforcer.enforce(input, signature.inputs());
        Params enforcedParams = ParamsEnforcer.enforce(signature.params(), params);
        try {
            return tensorPredictor().predictTensors(enforced, enforcedParams);
        } catch (MlflowException | ModelPredictionException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelPredictionException("Model '" + name() + "' failed to predict: " + e, e);
        }
    }

    private ColumnPredictor columnPredictor() {
        if (adapter instanceof ColumnPredictor predictor) {
            return predictor;
        }
        throw MlflowException.invalidParameter(
                "Model '" + name() + "' takes tensors, not columns. Call predictTensors.");
    }

    private TensorPredictor tensorPredictor() {
        if (adapter instanceof TensorPredictor predictor) {
            return predictor;
        }
        throw MlflowException.invalidParameter(
                "Model '" + name() + "' takes columns, not tensors. Call predict with a Table.");
    }

    @Override
    public void close() throws IOException {
        if (resources != null) {
            try {
                resources.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
