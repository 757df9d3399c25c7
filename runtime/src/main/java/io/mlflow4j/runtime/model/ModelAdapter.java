package io.mlflow4j.runtime.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the runtime knows of every generated {@code <Model>MlflowModel}: the Java equivalent of
 * MLflow's {@code PythonModel}. It wraps one instance of the user's class, injects artifacts and
 * calls {@code @Load}. How it predicts is the other half of the contract: a column model is also a
 * {@link ColumnPredictor}, a tensor model a {@link TensorPredictor}; generated code gets both halves
 * from {@code io.mlflow4j.runtime.generated.ColumnModelAdapter} or {@code TensorModelAdapter}.
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

    /** The params the model's {@code @InputExample} carries; empty when it carries none. */
    public Map<String, Object> inputExampleParams() {
        return Map.of();
    }
}
