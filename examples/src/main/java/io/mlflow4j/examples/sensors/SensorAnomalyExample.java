package io.mlflow4j.examples.sensors;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains the tensor model on generated readings (normal around 0, anomalous around 3), logs it,
 * loads it back from its runs:/ URI and scores two readings, typed and as tensors.
 * Run: {@code ./mvnw -B -pl examples exec:java -Dexec.mainClass=io.mlflow4j.examples.sensors.SensorAnomalyExample}
 */
public final class SensorAnomalyExample {
    /** The registered model each run adds a version to, with the alias "champion" pointing at it. */
    public static final String REGISTERED_NAME = "sensor-anomaly";

    private SensorAnomalyExample() {}

    public record Result(String runId, String modelUri, float typedScore, Tensor tensorScores, String registeredUri) {}

    public static void main(String[] args) throws Exception {
        Result result = run();
        System.out.println("Logged model: " + result.modelUri());
        System.out.println("Run id:       " + result.runId());
        System.out.println("Registered:   " + result.registeredUri() + ", alias champion: models:/" + REGISTERED_NAME
                + "@champion");
        System.out.println("Typed load:   anomaly score " + result.typedScore());
        System.out.println("Tensor load:  " + result.tensorScores() + " "
                + Arrays.toString((float[]) result.tensorScores().data()));
    }

    public static Result run() throws Exception {
        Random random = new Random(42);
        float[][] readings = new float[200][4];
        int[] labels = new int[200];
        for (int i = 0; i < readings.length; i++) {
            labels[i] = i % 4 == 0 ? 1 : 0;
            for (int j = 0; j < 4; j++) {
                readings[i][j] = (float) (random.nextGaussian() * 0.5 + 3 * labels[i]);
            }
        }
        Path weights = Files.createTempFile("sensor-weights", ".txt");
        try {
            SensorAnomaly model = SensorAnomaly.train(readings, labels, weights);
            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("sensors")) {
                run.logParam("epochs", 300).logParam("learning_rate", 0.1);
                run.logMetric("training_rows", readings.length);
                info = SensorAnomalyLogger.log(model, run, "model", LogOptions.registeredModelName(REGISTERED_NAME));
                Mlflow.setRegisteredModelAlias(
                        REGISTERED_NAME,
                        "champion",
                        info.registeredModelVersion().version());
            }
            float typed = SensorAnomalyLogger.load(info.modelUri())
                    .predict(new float[][] {{2.9f, 3.2f, 2.7f, 3.0f}}, 1.0)[0][0];
            try (LoadedModel loaded = MlflowModels.load(info.modelUri())) {
                List<Tensor> scores = loaded.predictTensors(
                        List.of(Tensor.of(null, new float[] {0.1f, 0, 0.2f, 0.1f, 2.9f, 3.2f, 2.7f, 3.0f}, 2, 4)));
                return new Result(
                        info.runId(),
                        info.modelUri(),
                        typed,
                        scores.get(0),
                        info.registeredModelVersion().modelUri());
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }
}
