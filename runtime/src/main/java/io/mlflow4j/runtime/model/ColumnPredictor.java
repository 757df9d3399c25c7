package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;

/** How a model whose signature is a column schema predicts: the half of {@link ModelAdapter} the loader calls for tables. */
public interface ColumnPredictor {
    /**
     * Predicts on input that already passed schema enforcement: it holds exactly the signature's
     * input columns, converted to their types, and params holds every signature param.
     */
    Table predict(Table input, Params params) throws Exception;

    /**
     * The model's {@code @InputExample} as a table of the signature's input columns, or {@code null}
     * when it has none.
     */
    Table inputExample();
}
