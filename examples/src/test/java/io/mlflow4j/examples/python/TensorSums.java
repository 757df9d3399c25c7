package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import io.mlflow4j.annotations.TensorShape;

/** Named tensors in and out, for the Python bridge tests. */
@MlflowModel(name = "tensor-sums")
public class TensorSums {
    public record In(@TensorShape({-1, 4}) float[][] features, long[] ids) {}

    public record Out(double[] sums, long[] ids) {}

    @Predict
    public Out predict(In in) {
        double[] sums = new double[in.features().length];
        for (int i = 0; i < sums.length; i++) {
            for (float v : in.features()[i]) {
                sums[i] += v;
            }
        }
        return new Out(sums, in.ids());
    }
}
