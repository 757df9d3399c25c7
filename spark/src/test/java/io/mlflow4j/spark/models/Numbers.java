package io.mlflow4j.spark.models;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.util.ArrayList;
import java.util.List;

/** Numbers and a flag in, an optional bonus among them: the kind of model a columnar source feeds in bulk. */
@MlflowModel(name = "numbers", description = "The sum of a row's numbers, and the size of the batch it came in")
public class Numbers {
    public record In(
            int small,
            long big,
            float ratio,
            double amount,
            boolean flag,
            @Column(required = false) Double bonus) {}

    public record Out(double total, String sign, Integer bonusTimesSmall, int batchRows) {}

    @Predict
    public List<Out> predict(List<In> rows) {
        List<Out> out = new ArrayList<>(rows.size());
        for (In in : rows) {
            double total = in.small() + in.big() + in.ratio() + in.amount() + (in.bonus() == null ? 0 : in.bonus());
            out.add(new Out(
                    in.flag() ? -total : total,
                    in.flag() ? "minus" : "plus",
                    in.bonus() == null ? null : (int) (in.bonus() * in.small()),
                    rows.size()));
        }
        return out;
    }
}
