package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.examples.iris.Flower;
import io.mlflow4j.examples.iris.IrisClassifierLogger;
import io.mlflow4j.examples.iris.Prediction;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.server.ScoringServer;
import io.mlflow4j.server.ScoringServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow writes a missing float as a bare {@code NaN} in {@code serving_input_example.json}, and
 * pandas reads it as a missing value: the iris example's second row has no petal width, so its
 * {@code Double petalWidth} is {@code null} in {@code predict} and {@code serve} as in Python.
 */
class MissingFloatTest {
    @TempDir
    static Path dir;

    static Path model;
    static String servingExample;
    static Prediction withoutPetalWidth;

    @BeforeAll
    static void save() throws Exception {
        model = MainTest.saveIrisModel(dir);
        servingExample = Files.readString(model.resolve("serving_input_example.json"));
        assertTrue(servingExample.contains("NaN"), "the example holds MLflow's bare NaN: " + servingExample);
        List<Prediction> typed =
                IrisClassifierLogger.load(model.toString()).predict(List.of(new Flower(6.7, 3.0, 5.2, null)), 0.5);
        withoutPetalWidth = typed.get(0);
        assertEquals("virginica", withoutPetalWidth.species(), "the row is classified on three measurements");
    }

    @Test
    void predictReadsNaNAsAMissingPetalWidth() throws Exception {
        MainTest.Result r = MainTest.run(
                "predict",
                "-m",
                model.toString(),
                "-i",
                model.resolve("serving_input_example.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertSecondRowWithoutPetalWidth(MainTest.JSON.readTree(r.out()));
    }

    @Test
    void serveReadsNaNAsAMissingPetalWidth() throws Exception {
        try (LoadedModel loaded = MlflowModels.load(model.toString());
                ScoringServer server = ScoringServer.start(
                        loaded, ScoringServerOptions.defaults().withPort(0))) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/invocations"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(servingExample))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertSecondRowWithoutPetalWidth(MainTest.JSON.readTree(response.body()));
        }
    }

    @Test
    void csvNaNAndEmptyCellsAreMissingToo(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(
                tmp.resolve("flowers.csv"),
                "sepal_length,sepal_width,petal_length,petal_width\n6.7,3.0,5.2,NaN\n6.7,3.0,5.2,\n");
        MainTest.Result r = MainTest.run("predict", "-m", model.toString(), "-i", csv.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode predictions = MainTest.JSON.readTree(r.out()).get("predictions");
        for (JsonNode p : predictions) {
            assertEquals(withoutPetalWidth.species(), p.get("species").asText(), r.out());
            assertEquals(withoutPetalWidth.probability(), p.get("probability").asDouble(), r.out());
        }
    }

    private static void assertSecondRowWithoutPetalWidth(JsonNode answer) {
        JsonNode second = answer.get("predictions").get(1);
        assertEquals(withoutPetalWidth.species(), second.get("species").asText(), answer.toString());
        assertEquals(withoutPetalWidth.probability(), second.get("probability").asDouble(), answer.toString());
    }
}
