package io.mlflow4j.runtime.generated;

import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.model.ColumnPredictor;
import io.mlflow4j.runtime.model.ModelAdapter;

/**
 * The base of a generated adapter whose {@code @Predict} method takes rows (records) or a
 * {@code Table}: it reads the enforced columns into the user's records, calls the method and
 * writes the results back as columns.
 *
 * @param <M> the user's model class
 */
public abstract class ColumnModelAdapter<M> extends ModelAdapter<M> implements ColumnPredictor {
    protected ColumnModelAdapter(M model) {
        super(model);
    }

    /** No {@code @InputExample} unless the generated code says otherwise. */
    @Override
    public Table inputExample() {
        return null;
    }
}
