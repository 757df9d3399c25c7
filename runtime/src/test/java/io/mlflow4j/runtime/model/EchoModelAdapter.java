package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.generated.ColumnModelAdapter;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written adapter with the signature of the reference's {@code loader_module_model}
 * (x double, n long, label string -> y double, label_upper string), written the way the processor
 * generates adapters, so runtime tests can compare our folders with MLflow's for the same model.
 */
public class EchoModelAdapter extends ColumnModelAdapter<EchoModelAdapter.Echo> {
    /** The "user's" model: y = x * n, label upper-cased. */
    public static final class Echo {}

    public static final ModelSpec SPEC = new ModelSpec(
            "echo",
            "Echo for conformance tests",
            new ModelSignature(
                    Schema.of(
                            ColSpec.required(DataType.DOUBLE, "x"),
                            ColSpec.required(DataType.LONG, "n"),
                            ColSpec.required(DataType.STRING, "label")),
                    Schema.of(ColSpec.required(DataType.DOUBLE, "y"), ColSpec.required(DataType.STRING, "label_upper")),
                    null),
            List.of(),
            Echo.class,
            EchoModelAdapter.class);

    public EchoModelAdapter() {
        super(new Echo());
    }

    @Override
    public ModelSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Path> artifactSources() {
        return Map.of();
    }

    @Override
    public void bind(ModelContext context) {}

    @Override
    public Table predict(Table input, Params params) {
        int rows = input.rowCount();
        double[] y = new double[rows];
        String[] upper = new String[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = input.column(0).getDouble(i) * input.column(1).getLong(i);
            upper[i] = input.column(2).getString(i).toUpperCase(Locale.ROOT);
        }
        return Table.of(Column.ofDoubles("y", y), Column.ofStrings("label_upper", upper));
    }
}
