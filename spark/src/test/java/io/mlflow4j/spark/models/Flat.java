package io.mlflow4j.spark.models;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;

/** Flat scalar columns in and out, some missing: the kind of model predict reads from Spark's internal rows. */
@MlflowModel(name = "flat-rules", description = "Strings, optional integers and doubles")
public class Flat {
    public record In(String name, @Column(required = false) Integer n, double x) {}

    public record Out(String greeting, Long twice, double half) {}

    @Predict
    public Out predict(In in) {
        return new Out(in.name() == null ? null : "hi " + in.name(), in.n() == null ? null : 2L * in.n(), in.x() / 2);
    }
}
