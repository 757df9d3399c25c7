package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import java.nio.file.Path;
import java.util.Map;

/**
 * The base of every generated {@code <Model>MlflowModel}: the Java equivalent of MLflow's
 * {@code PythonModel}. It wraps one instance of the user's class, converts tables to the user's
 * types and back, injects artifacts and calls {@code @Load}. Generated code implements the
 * abstract methods without reflection; everything else lives here.
 *
 * @param <M> the user's model class
 */
public abstract class ModelAdapter<M> {
    private final M model;

    protected ModelAdapter(M model) {
        if (model == null) {
            throw new IllegalArgumentException("The model instance must not be null.");
        }
        this.model = model;
    }

    /** The user's model instance. */
    public final M model() {
        return model;
    }

    /** The static description of the model class. */
    public abstract ModelSpec spec();

    /**
     * The current value of each {@code @Artifact} field, by artifact name: the files or folders to
     * copy into the model when it is saved. A {@code null} value means the field is unset.
     */
    public abstract Map<String, Path> artifactSources();

    /** Points the artifact fields into a loaded model and calls the {@code @Load} method, if any. */
    public abstract void bind(ModelContext context) throws Exception;

    /**
     * Predicts on tensors that already passed enforcement (in schema order), for models whose
     * signature is a tensor schema. Column models do not override it.
     */
    public java.util.List<io.mlflow4j.runtime.data.Tensor> predictTensors(java.util.List<io.mlflow4j.runtime.data.Tensor> input,
            Params params) throws Exception {
        throw new UnsupportedOperationException("Model '" + spec().name() + "' takes columns, not tensors: call predict with a Table.");
    }

    /** The params the model's {@code @InputExample} carries; empty when it carries none. */
    public Map<String, Object> inputExampleParams() {
        return Map.of();
    }

    /** The model's {@code @InputExample} as tensors, for tensor models, or {@code null}. */
    public java.util.List<io.mlflow4j.runtime.data.Tensor> tensorExample() {
        return null;
    }

    /**
     * The model's {@code @InputExample} as a table of the signature's input columns, or {@code null}
     * when it has none.
     */
    public Table inputExample() {
        return null;
    }

    /**
     * Predicts on input that already passed schema enforcement: it holds exactly the signature's
     * input columns, converted to their types, and params holds every signature param.
     */
    public abstract Table predict(Table input, Params params) throws Exception;
}
