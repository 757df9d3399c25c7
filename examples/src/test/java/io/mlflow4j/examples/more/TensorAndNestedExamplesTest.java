package io.mlflow4j.examples.more;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.examples.orders.OrderRiskExample;
import io.mlflow4j.examples.sensors.SensorAnomalyExample;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.uri.ModelUris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tensor and nested-column examples, end to end against a fresh mlruns folder. */
class TensorAndNestedExamplesTest {
    @TempDir
    Path mlruns;

    @AfterEach
    void reset() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void sensorAnomalyTrainsLogsAndScoresTensors() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        SensorAnomalyExample.Result result = SensorAnomalyExample.run();
        assertEquals("models:/sensor-anomaly/1", result.registeredUri(), "registered, alias champion");
        assertTrue(result.typedScore() > 0.9, "an anomalous reading scores high: " + result.typedScore());
        float[] scores = (float[]) result.tensorScores().data();
        assertTrue(scores[0] < 0.1 && scores[1] > 0.9, Arrays.toString(scores));
        assertEquals(result.typedScore(), scores[1], 1e-6);
        Path model = folder(result.modelUri());
        Map<String, Object> mlmodel = PyYaml.load(Files.readString(model.resolve("MLmodel")));
        assertEquals(
                "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}}]",
                ((Map<?, ?>) mlmodel.get("signature")).get("inputs"));
        assertEquals("ndarray", ((Map<?, ?>) mlmodel.get("saved_input_example_info")).get("type"));
        assertEquals(
                "[[0.10000000149011612, 0.20000000298023224, 0.10000000149011612, 0.0], [2.5, 3.0, 2.799999952316284, 3.0999999046325684]]",
                Files.readString(model.resolve("input_example.json")),
                "float32 values widened as numpy's tolist() does");
    }

    @Test
    void orderRiskLogsAndScoresNestedColumns() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        OrderRiskExample.Result result = OrderRiskExample.run();
        assertEquals("models:/order-risk/1", result.registeredUri(), "registered, alias champion");
        assertEquals("high", result.typed().level());
        assertEquals(
                List.of("total above 1000.0", "IP country differs from the billing country", "first order"),
                result.typed().reasons());
        assertEquals("high", result.generic().column("level").getString(0));
        assertEquals(
                result.typed().reasons(), result.generic().column("reasons").get(0));
        Path model = folder(result.modelUri());
        String inputs = (String) ((Map<?, ?>)
                        PyYaml.load(Files.readString(model.resolve("MLmodel"))).get("signature"))
                .get("inputs");
        assertTrue(
                inputs.contains(
                        "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"price\": {\"type\": \"double\", "
                                + "\"required\": true}, \"quantity\": {\"type\": \"long\", \"required\": true}, \"sku\": {\"type\": \"string\", "
                                + "\"required\": true}}}, \"name\": \"items\", \"required\": true}"),
                inputs);
        assertTrue(Files.readString(model.resolve("input_example.json")).contains("\"items\", \"signals\", \"tags\"]"));
        String runId = result.runId();
        RunInfo run = new FileTrackingStore(mlruns).getRun(runId);
        Path runDir = mlruns.resolve(run.experimentId()).resolve(runId);
        assertTrue(
                Files.isRegularFile(runDir.resolve("metrics/backtest_precision_high")),
                "the rules are measured and the figures logged");
        assertEquals("1000.0", Files.readString(runDir.resolve("params/high_total")));
    }

    private Path folder(String modelUri) {
        return ModelUris.toLocalFolder(modelUri, new FileTrackingStore(mlruns));
    }
}
