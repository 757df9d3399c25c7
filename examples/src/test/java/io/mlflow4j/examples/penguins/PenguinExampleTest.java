package io.mlflow4j.examples.penguins;

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
import org.tribuo.Model;

/** The Tribuo example end to end: trains, logs to a fresh mlruns, loads back in this JVM and in a fresh one. */
class PenguinExampleTest {
    @TempDir
    Path mlruns;

    @AfterEach
    void reset() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void trainsLogsLoadsAndPredictsWithTribuo() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        PenguinExample.Result result = PenguinExample.run();
        assertEquals("models:/penguin-species-tribuo/1", result.registeredUri(), "registered, alias champion");

        assertTrue(result.testAccuracy() > 0.9, "held-out accuracy " + result.testAccuracy());
        assertEquals("Gentoo", result.typed().species());
        assertTrue(result.typed().probability() > 0.9, result.typed().toString());
        assertEquals(
                List.of("Gentoo", "Adelie"),
                List.of(
                        result.generic().column("species").getString(0),
                        result.generic().column("species").getString(1)));
        assertEquals(
                result.typed().probability(),
                result.generic().column("probability").getDouble(0),
                1e-12);

        FileTrackingStore store = new FileTrackingStore(mlruns);
        RunInfo run = store.getRun(result.runId());
        Path runDir = mlruns.resolve(run.experimentId()).resolve(run.runId());
        assertEquals("10", Files.readString(runDir.resolve("params/epochs")));
        assertTrue(Files.readString(runDir.resolve("params/library")).startsWith("tribuo 4.3"));
        assertTrue(Files.isRegularFile(runDir.resolve("metrics/test_macro_f1")));

        Path model = ModelUris.toLocalFolder(result.modelUri(), store);
        // The artifact is Tribuo's own file: Tribuo reads it back, provenance included.
        Model<?> tribuo = Model.deserializeFromFile(model.resolve("artifacts/tribuo-model.pb"));
        assertTrue(tribuo.getProvenance().toString().contains("LinearSGDTrainer"), "provenance names the trainer");
        assertEquals(3, tribuo.getOutputIDInfo().size());
        List<String> jars = FreshJvm.packagedJars(model);
        assertTrue(
                jars.contains("tribuo-classification-sgd-4.3.2.jar") && jars.contains("protobuf-java-3.25.6.jar"),
                jars.toString());
        assertFalse(
                jars.stream().anyMatch(j -> j.startsWith("onnxruntime") || j.startsWith("xgboost")), jars.toString());

        JsonNode answer = FreshJvm.invoke(model, PenguinClassifier.class.getName(), """
                {"dataframe_records": [{"bill_length_mm": 47.0, "bill_depth_mm": 14.9, "flipper_length_mm": 216, "body_mass_kg": 5.1},
                                       {"bill_length_mm": 49.5, "bill_depth_mm": 18.9, "flipper_length_mm": 197, "body_mass_kg": 3.7}]}""");
        JsonNode predictions = answer.get("predictions");
        assertEquals("Gentoo", predictions.get(0).get("species").asText(), answer.toString());
        assertEquals("Chinstrap", predictions.get(1).get("species").asText(), answer.toString());
        assertEquals(
                result.typed().probability(),
                predictions.get(0).get("probability").asDouble(),
                1e-12);
    }
}
