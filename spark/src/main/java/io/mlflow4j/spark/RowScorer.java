package io.mlflow4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.StructType;

/**
 * The body of {@link MlflowSpark#udf}: scores the struct it is called with. Spark calls a UDF row
 * by row, so each call is a batch of one; {@link MlflowSpark#predict} scores in batches.
 */
final class RowScorer implements UDF1<Row, Object> {
    private static final long serialVersionUID = 1L;

    private final BatchScorer scorer;
    private final boolean struct;
    private transient StructType rowType;
    private transient ModelInputs inputs;

    RowScorer(BatchScorer scorer, boolean struct) {
        this.scorer = scorer;
        this.struct = struct;
    }

    @Override
    public Object call(Row row) {
        if (row == null) {
            return null;
        }
        if (row.schema() == null) {
            throw new IllegalArgumentException("The UDF of model '" + scorer.modelName() + "' takes a struct of named"
                    + " columns; call it as model(struct(*)) or model(struct(col(\"a\"), col(\"b\"))).");
        }
        if (inputs == null || !row.schema().equals(rowType)) {
            rowType = row.schema();
            inputs = scorer.inputs(rowType);
        }
        Object[][] out = new Object[1][scorer.outputs().struct().fields().length];
        scorer.score(inputs, new Row[] {row}, 1, out, 0);
        return struct ? RowFactory.create(out[0]) : out[0][0];
    }
}
