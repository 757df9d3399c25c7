package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.generated.ColumnModelAdapter;
import io.mlflow4j.runtime.model.ModelContext;
import io.mlflow4j.runtime.model.ModelSpec;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A model with one file artifact, "weights": y = x + the weights file's size in bytes. */
public final class WeightsModel extends ColumnModelAdapter<WeightsModel.Weights> {
    static final ModelSpec SPEC = new ModelSpec(
            "weights-model",
            "a model with a weights file",
            new ModelSignature(
                    Schema.of(ColSpec.required(DataType.DOUBLE, "x")),
                    Schema.of(ColSpec.required(DataType.DOUBLE, "y")),
                    null),
            List.of("weights"),
            Weights.class,
            WeightsModel.class);

    /** The user's model: where the weights are and how big they are. */
    public static final class Weights {
        Path file;
        long size;
    }

    public WeightsModel() {
        super(new Weights());
    }

    WeightsModel(Path weights) {
        super(new Weights());
        model().file = weights;
    }

    @Override
    public ModelSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Path> artifactSources() {
        return Map.of("weights", model().file);
    }

    @Override
    public void bind(ModelContext context) throws Exception {
        model().file = context.artifact("weights");
        model().size = Files.size(model().file);
    }

    @Override
    public Table predict(Table input, Params params) {
        int n = input.rowCount();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = input.column(0).getDouble(i) + model().size;
        }
        return Table.of(Column.ofDoubles("y", y));
    }

    static Table input(double... xs) {
        return Table.of(Column.ofDoubles("x", xs));
    }
}
