package io.mlflow4j.examples.python;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Predict;
import io.mlflow4j.annotations.TensorShape;

/** One unnamed tensor in and out, for the Python bridge tests. */
@MlflowModel(name = "row-sums")
public class RowSums {
    @Predict
    @TensorShape({-1, 1})
    public float[][] predict(@TensorShape({-1, 4}) float[][] x) {
        float[][] out = new float[x.length][1];
        for (int i = 0; i < x.length; i++) {
            for (float v : x[i]) {
                out[i][0] += v;
            }
        }
        return out;
    }
}
