package io.mlflow4j.bench;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.util.ArrayList;
import java.util.List;

/** The bridge benchmark's model: 10 double columns and a trivial predict, so the wire dominates. */
@MlflowModel(name = "ten-doubles")
public class TenDoubles {
    public record Row(
            double c0,
            double c1,
            double c2,
            double c3,
            double c4,
            double c5,
            double c6,
            double c7,
            double c8,
            double c9) {}

    @Predict
    public List<Double> predict(List<Row> rows) {
        List<Double> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.c0() + r.c9());
        }
        return out;
    }
}
