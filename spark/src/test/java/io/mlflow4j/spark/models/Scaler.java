package io.mlflow4j.spark.models;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import io.mlflow4j.annotations.TensorShape;

/** A tensor model: four readings in, their scaled sum and their maximum out. */
@MlflowModel(name = "tensor-scaler", description = "Sum and maximum of four readings")
public class Scaler {
    @Predict
    @TensorShape({-1, 2})
    public float[][] predict(
            @TensorShape({-1, 4}) float[][] readings, @Param(name = "factor", defaultValue = "1.0") double factor) {
        float[][] out = new float[readings.length][2];
        for (int i = 0; i < readings.length; i++) {
            float sum = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : readings[i]) {
                sum += v;
                max = Math.max(max, v);
            }
            out[i][0] = (float) (sum * factor);
            out[i][1] = max;
        }
        return out;
    }
}
