package io.mlflow4j.examples.churn;

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

/** The XGBoost example end to end: trains, logs to a fresh mlruns, loads back in this JVM and in a fresh one. */
class ChurnExampleTest {
    @TempDir
    Path mlruns;

    @AfterEach
    void reset() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void trainsLogsLoadsAndPredictsWithXgboost() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        ChurnExample.Result result = ChurnExample.run();
        assertEquals("models:/churn-xgboost/1", result.registeredUri(), "registered, alias champion");

        assertTrue(result.testAccuracy() > 0.8, "held-out accuracy " + result.testAccuracy());
        assertTrue(
                result.typed().churn() && result.typed().probability() > 0.9,
                result.typed().toString());
        assertEquals(true, result.generic().column("churn").get(0));
        assertEquals(false, result.generic().column("churn").get(1));
        assertEquals(
                result.typed().probability(),
                result.generic().column("probability").getDouble(0),
                1e-12);

        FileTrackingStore store = new FileTrackingStore(mlruns);
        RunInfo run = store.getRun(result.runId());
        Path runDir = mlruns.resolve(run.experimentId()).resolve(run.runId());
        assertEquals("30", Files.readString(runDir.resolve("params/rounds")));
        assertEquals("binary:logistic", Files.readString(runDir.resolve("params/objective")));
        assertTrue(Files.readString(runDir.resolve("params/library")).startsWith("xgboost4j "));
        assertTrue(Files.isRegularFile(runDir.resolve("metrics/test_accuracy")));

        Path model = ModelUris.toLocalFolder(result.modelUri(), store);
        byte[] booster = Files.readAllBytes(model.resolve("artifacts/booster.ubj"));
        assertEquals('{', booster[0], "XGBoost's UBJSON model file");
        List<String> jars = FreshJvm.packagedJars(model);
        assertTrue(
                jars.contains("xgboost4j_2.12-3.4.0.jar") && jars.contains("scala-library-2.12.18.jar"),
                jars.toString());
        assertFalse(
                jars.stream()
                        .anyMatch(j -> j.startsWith("onnxruntime")
                                || j.startsWith("tribuo")
                                || j.startsWith("scala-compiler")),
                "only the jars the model uses: " + jars);

        // XGBoost's native library loads from the packaged jar in a JVM that has only mlflow4j.
        JsonNode answer = FreshJvm.invoke(model, ChurnClassifier.class.getName(), """
                {"dataframe_split": {"columns": ["tenure_months", "monthly_charges", "support_calls", "has_contract"],
                                     "data": [[3, 110.0, 5, false], [60, 30.0, 0, true]]},
                 "params": {"threshold": 0.5}}""");
        JsonNode predictions = answer.get("predictions");
        assertEquals(2, predictions.size(), answer.toString());
        assertTrue(predictions.get(0).get("churn").asBoolean(), answer.toString());
        assertFalse(predictions.get(1).get("churn").asBoolean(), answer.toString());
        assertEquals(
                result.typed().probability(),
                predictions.get(0).get("probability").asDouble(),
                1e-6);
    }
}
