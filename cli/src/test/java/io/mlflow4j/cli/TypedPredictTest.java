package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.examples.orders.OrderRisk;
import io.mlflow4j.examples.orders.OrderRiskLogger;
import io.mlflow4j.examples.sensors.SensorAnomaly;
import io.mlflow4j.examples.sensors.SensorAnomalyLogger;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict} and {@code inspect} on the examples' nested-columns model and tensor model. */
class TypedPredictTest {
    @Test
    void predictsOnNestedColumnsAndInspectShowsTheirTypes(@TempDir Path tmp) throws Exception {
        Path model = OrderRiskLogger.save(new OrderRisk(), tmp.resolve("orders"));
        Path input = Files.writeString(
                tmp.resolve("orders.json"),
                "{\"dataframe_records\": [{\"customer\": \"c-9\","
                        + " \"items\": [{\"sku\": \"laptop\", \"quantity\": 1, \"price\": 1800.0}],"
                        + " \"signals\": {\"ip_country_mismatch\": 1.0}, \"tags\": [\"first_order\"]}]}");
        MainTest.Result r = MainTest.run("predict", "-m", model.toString(), "-i", input.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode risk = MainTest.JSON.readTree(r.out()).get("predictions").get(0);
        assertEquals(1800.0, risk.get("total").asDouble());
        assertEquals("high", risk.get("level").asText());
        assertEquals(3, risk.get("reasons").size(), risk.toString());

        MainTest.Result bad = MainTest.run(
                "predict",
                "-m",
                model.toString(),
                "-i",
                Files.writeString(
                                tmp.resolve("bad.json"),
                                "{\"dataframe_records\": [{\"customer\": \"c\", \"items\": [{\"sku\": 1}],"
                                        + " \"signals\": {}}]}")
                        .toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("Failed to convert column items"), bad.err());

        MainTest.Result inspect = MainTest.run("inspect", "-m", model.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("    tags: Array(string) (optional)\n"), inspect.out());
        assertTrue(inspect.out().contains("    signals: Map(str -> double) (required)\n"), inspect.out());
    }

    @Test
    void predictsOnTensorsFromInstancesAndInputs(@TempDir Path tmp) throws Exception {
        SensorAnomaly sensors = new SensorAnomaly();
        Field weights = SensorAnomaly.class.getDeclaredField("weights");
        weights.setAccessible(true); // the example trains its weights; here fixed ones: z = x0 + x1 + x2 + x3 - 5
        weights.set(sensors, Files.writeString(tmp.resolve("weights.txt"), "1 1 1 1\n-5\n"));
        Path model = SensorAnomalyLogger.save(sensors, tmp.resolve("sensors"));

        Path instances =
                Files.writeString(tmp.resolve("instances.json"), "{\"instances\": [[0, 0, 0, 0], [2, 2, 1, 0]]}");
        MainTest.Result r = MainTest.run("predict", "-m", model.toString(), "-i", instances.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode scores = MainTest.JSON.readTree(r.out()).get("predictions");
        assertEquals(2, scores.size());
        assertEquals(1 / (1 + Math.exp(5)), scores.get(0).get(0).asDouble(), 1e-6);
        assertEquals(0.5, scores.get(1).get(0).asDouble(), 1e-6);

        Path withParams = Files.writeString(
                tmp.resolve("inputs.json"), "{\"inputs\": [[2, 2, 1, 1]], \"params\": {\"temperature\": 2}}");
        MainTest.Result p = MainTest.run("predict", "-m", model.toString(), "-i", withParams.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals(
                1 / (1 + Math.exp(-0.5)),
                MainTest.JSON.readTree(p.out()).get("predictions").get(0).get(0).asDouble(),
                1e-6);

        MainTest.Result shape = MainTest.run(
                "predict",
                "-m",
                model.toString(),
                "-i",
                Files.writeString(tmp.resolve("shape.json"), "{\"inputs\": [[1, 2, 3]]}")
                        .toString());
        assertEquals(1, shape.exit());
        assertTrue(shape.err().contains("Shape of input (1, 3) does not match expected shape (-1, 4)."), shape.err());
    }
}
