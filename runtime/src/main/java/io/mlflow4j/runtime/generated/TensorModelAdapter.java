package io.mlflow4j.runtime.generated;

import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.model.TensorPredictor;
import java.util.List;

/**
 * The base of a generated adapter whose {@code @Predict} method takes primitive arrays (or
 * records of them): it turns the enforced tensors into arrays with {@link TensorArrays}, calls the
 * method and turns its arrays back into tensors.
 *
 * @param <M> the user's model class
 */
public abstract class TensorModelAdapter<M> extends ModelAdapter<M> implements TensorPredictor {
    protected TensorModelAdapter(M model) {
        super(model);
    }

    /** No {@code @InputExample} unless the generated code says otherwise. */
    @Override
    public List<Tensor> tensorExample() {
        return null;
    }
}
