package io.mlflow4j.server;

import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.model.ModelSpec;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.scoring.TestModels;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A model whose predict ignores interruption, as a loop that never checks it does: each call waits
 * for {@link #release} however often it is interrupted. Input: a string column "label".
 */
public final class StuckModel extends TestModels.ColumnModel {
    static volatile CountDownLatch release = new CountDownLatch(0);
    private static final ModelSpec SPEC = new ModelSpec(
            "stuck",
            "a model that ignores interruption",
            new ModelSignature(Schema.of(ColSpec.required(DataType.STRING, "label")), null, null),
            List.of(),
            TestModels.Plain.class,
            StuckModel.class);

    public StuckModel() {
        super(SPEC);
    }

    @Override
    public Table predict(Table input, Params params) {
        while (true) {
            try {
                release.await();
                return Table.of(input.column(0).withName("label"));
            } catch (InterruptedException ignored) {
                // as a computation that never looks at its interrupt flag
            }
        }
    }
}
