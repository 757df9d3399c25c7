package io.mlflow4j.examples.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.examples.support.FreshJvm;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.uri.ModelUris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX Runtime example end to end: Tribuo trains and exports, ONNX Runtime serves, here and in a fresh JVM. */
class CreditRiskExampleTest {
    @TempDir
    Path mlruns;

    @AfterEach
    void reset() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void trainsExportsLogsLoadsAndPredictsWithOnnxRuntime() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        CreditRiskExample.Result result = CreditRiskExample.run();
        assertEquals("models:/credit-risk-onnx/1", result.registeredUri(), "registered, alias champion");

        assertTrue(result.testAccuracy() > 0.8, "held-out accuracy " + result.testAccuracy());
        assertEquals(
                result.tribuoProbability(),
                result.typed().defaultProbability(),
                1e-5,
                "ONNX Runtime agrees with Tribuo");
        assertFalse(result.typed().approve());
        assertEquals(
                List.of(false, true),
                List.of(
                        result.generic().column("approve").get(0),
                        result.generic().column("approve").get(1)));
        assertEquals(
                result.typed().defaultProbability(),
                result.generic().column("default_probability").getDouble(0),
                1e-12);

        FileTrackingStore store = new FileTrackingStore(mlruns);
        RunInfo run = store.getRun(result.runId());
        Path runDir = mlruns.resolve(run.experimentId()).resolve(run.runId());
        assertTrue(Files.readString(runDir.resolve("params/library")).startsWith("onnxruntime 1.23"));
        assertTrue(Files.isRegularFile(runDir.resolve("metrics/test_auc_default")));

        Path model = ModelUris.toLocalFolder(result.modelUri(), store);
        assertEquals(
                List.of("credit_utilization", "debt_to_income", "late_payments", "years_employed"),
                Files.readAllLines(model.resolve("artifacts/onnx/features.txt")),
                "Tribuo's feature ids follow the names' order");
        assertTrue(Files.size(model.resolve("artifacts/onnx/model.onnx")) > 0);
        List<String> jars = FreshJvm.packagedJars(model);
        assertTrue(jars.contains("onnxruntime-1.23.2.jar"), jars.toString());
        assertFalse(
                jars.stream()
                        .anyMatch(j -> j.startsWith("tribuo") || j.startsWith("xgboost") || j.startsWith("protobuf")),
                "Tribuo trained the model, but serving it needs ONNX Runtime only: " + jars);

        // ONNX Runtime's native library loads from the packaged jar in a JVM that has only mlflow4j.
        JsonNode answer = FreshJvm.invoke(model, CreditRiskOnnx.class.getName(), """
                {"dataframe_split": {"columns": ["debt_to_income", "credit_utilization", "late_payments", "years_employed"],
                                     "data": [[0.7, 0.95, 5, 0.5], [0.1, 0.2, 0, 12.0]]},
                 "params": {"threshold": 0.5}}""");
        JsonNode predictions = answer.get("predictions");
        assertFalse(predictions.get(0).get("approve").asBoolean(), answer.toString());
        assertTrue(predictions.get(1).get("approve").asBoolean(), answer.toString());
        assertEquals(
                result.typed().defaultProbability(),
                predictions.get(0).get("default_probability").asDouble(),
                1e-12);
    }
}
