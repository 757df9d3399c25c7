package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;

/** A model with one column of each scalar type, required and optional, for the Python bridge tests. */
@MlflowModel(name = "all-scalar-types")
public class AllScalarTypes {
    public record In(
            boolean b,
            int i,
            long l,
            float f,
            double d,
            String s,
            @Column(required = false) Double od,
            @Column(required = false) Long ol,
            @Column(required = false) String os) {}

    public record Out(boolean b, int i, long l, float f, double d, String s, Double od, Long ol, String os) {}

    @Predict
    public Out predict(In in, @Param(name = "k", defaultValue = "2") long k) {
        return new Out(
                !in.b(),
                in.i() * 2,
                in.l() + k,
                in.f() / 2,
                in.d() * k,
                in.s().toUpperCase(),
                in.od() == null ? null : in.od() + 1,
                in.ol(),
                in.os());
    }
}
