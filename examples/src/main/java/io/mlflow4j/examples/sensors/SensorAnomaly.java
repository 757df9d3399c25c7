package io.mlflow4j.examples.sensors;

import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import io.mlflow4j.annotations.TensorShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Anomaly scores for batches of four sensor readings: a logistic regression over a float32
 * tensor, the way a model exported from a numeric library takes and returns arrays.
 */
@MlflowModel(name = "sensor-anomaly", description = "Probability that four sensor readings are anomalous")
public class SensorAnomaly {
    @Artifact("weights")
    Path weights;

    private float[] w = new float[4];
    private float bias;

    @Load
    void load() throws IOException {
        List<String> lines = Files.readAllLines(weights);
        String[] values = lines.get(0).trim().split("\\s+");
        for (int i = 0; i < 4; i++) {
            w[i] = Float.parseFloat(values[i]);
        }
        bias = Float.parseFloat(lines.get(1).trim());
    }

    @Predict
    @TensorShape({-1, 1})
    public float[][] predict(
            @TensorShape({-1, 4}) float[][] readings,
            @Param(name = "temperature", defaultValue = "1.0") double temperature) {
        float[][] scores = new float[readings.length][1];
        for (int i = 0; i < readings.length; i++) {
            double z = bias;
            for (int j = 0; j < 4; j++) {
                z += w[j] * readings[i][j];
            }
            scores[i][0] = (float) (1 / (1 + Math.exp(-z / temperature)));
        }
        return scores;
    }

    @InputExample
    static float[][] example() {
        return new float[][] {{0.1f, 0.2f, 0.1f, 0.0f}, {2.5f, 3.0f, 2.8f, 3.1f}};
    }

    /** Trains on {@code readings} labelled anomalous (1) or not (0) and writes the weights file. */
    static SensorAnomaly train(float[][] readings, int[] labels, Path weightsFile) throws IOException {
        float[] w = new float[4];
        float b = 0;
        for (int epoch = 0; epoch < 300; epoch++) {
            for (int i = 0; i < readings.length; i++) {
                double z = b;
                for (int j = 0; j < 4; j++) {
                    z += w[j] * readings[i][j];
                }
                double error = 1 / (1 + Math.exp(-z)) - labels[i];
                for (int j = 0; j < 4; j++) {
                    w[j] -= (float) (0.1 * error * readings[i][j]);
                }
                b -= (float) (0.1 * error);
            }
        }
        Files.writeString(weightsFile, String.format(Locale.ROOT, "%s %s %s %s%n%s%n", w[0], w[1], w[2], w[3], b));
        SensorAnomaly model = new SensorAnomaly();
        model.weights = weightsFile;
        model.load();
        return model;
    }
}
