package io.mlflow4j.bench;

import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.nio.file.Path;
import java.util.List;

/** The tracking benchmark's model: one big weights file as an artifact, a trivial predict. */
@MlflowModel(name = "big-weights")
public class BigWeights {
    @Artifact("weights")
    Path weights;

    public record Row(double x) {}

    @Predict
    public List<Double> predict(List<Row> rows) {
        return rows.stream().map(Row::x).toList();
    }
}
