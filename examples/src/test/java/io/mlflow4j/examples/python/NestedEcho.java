package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import java.util.List;
import java.util.Map;

/** Array, object and map columns, for the Python bridge tests. */
@MlflowModel(name = "nested-echo")
public class NestedEcho {
    public record Obj(long a, @Column(required = false) String b) {}

    public record In(List<String> tags, Obj obj, Map<String, Double> scores) {}

    public record Out(List<String> tags, Obj obj, double total) {}

    @Predict
    public Out predict(In in) {
        double total =
                in.scores().values().stream().mapToDouble(Double::doubleValue).sum();
        return new Out(
                in.tags().stream().map(String::toUpperCase).toList(),
                new Obj(in.obj().a() * 10, in.obj().b()),
                total);
    }
}
