package io.mlflow4j.examples.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.examples.churn.ChurnExample;
import io.mlflow4j.examples.credit.CreditRiskExample;
import io.mlflow4j.examples.penguins.PenguinExample;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.uri.ModelUris;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XGBoost, Tribuo and ONNX Runtime examples, logged by their examples and loaded from Python
 * as MLflow loads them: each JVM the bridge starts loads the library, and its native code, from
 * the model folder's jars. Answers are compared with the ones Java gave.
 */
class LibraryModelsPythonTest {
    @TempDir
    Path mlruns;

    @BeforeAll
    static void python() throws Exception {
        PythonDriver.checkPythonHasPandas();
    }

    @AfterEach
    void reset() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void xgboostChurnModelFromPython(@TempDir Path dir) throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        ChurnExample.Result java = ChurnExample.run();
        JsonNode result = PythonDriver.run(
                        dir,
                        folder(java.modelUri()),
                        request(
                                List.of("tenure_months", "monthly_charges", "support_calls", "has_contract"),
                                List.of(Arrays.asList(3, 110.0, 5, false), Arrays.asList(60, 30.0, 0, true)),
                                Map.of("tenure_months", "int32", "support_calls", "int32"),
                                Map.of("threshold", 0.5)))
                .get("result");
        assertEquals(List.of("churn", "probability"), strings(result.get("columns")), result.toString());
        assertEquals(List.of("bool", "float64"), strings(result.get("dtypes")));
        assertEquals(
                java.generic().column("churn").get(0),
                result.get("values").get(0).get(0).asBoolean());
        assertEquals(
                java.generic().column("churn").get(1),
                result.get("values").get(0).get(1).asBoolean());
        assertEquals(
                java.generic().column("probability").getDouble(0),
                result.get("values").get(1).get(0).asDouble());
    }

    @Test
    void tribuoPenguinModelFromPython(@TempDir Path dir) throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        PenguinExample.Result java = PenguinExample.run();
        JsonNode result = PythonDriver.run(
                        dir,
                        folder(java.modelUri()),
                        request(
                                List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_kg"),
                                List.of(Arrays.asList(47.0, 14.9, 216.0, 5.1), Arrays.asList(38.5, 18.5, 189.0, 3.6)),
                                Map.of(),
                                null))
                .get("result");
        assertEquals(List.of("species", "probability"), strings(result.get("columns")), result.toString());
        assertEquals(List.of("Gentoo", "Adelie"), strings(result.get("values").get(0)));
        assertEquals(
                java.generic().column("probability").getDouble(0),
                result.get("values").get(1).get(0).asDouble());
        assertEquals(
                java.generic().column("probability").getDouble(1),
                result.get("values").get(1).get(1).asDouble());
    }

    @Test
    void onnxCreditModelFromPython(@TempDir Path dir) throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        CreditRiskExample.Result java = CreditRiskExample.run();
        JsonNode result = PythonDriver.run(
                        dir,
                        folder(java.modelUri()),
                        request(
                                List.of("debt_to_income", "credit_utilization", "late_payments", "years_employed"),
                                List.of(Arrays.asList(0.7, 0.95, 5, 0.5), Arrays.asList(0.1, 0.2, 0, 12.0)),
                                Map.of("late_payments", "int32"),
                                Map.of("threshold", 0.5)))
                .get("result");
        assertEquals(List.of("default_probability", "approve"), strings(result.get("columns")), result.toString());
        assertEquals(
                java.generic().column("default_probability").getDouble(0),
                result.get("values").get(0).get(0).asDouble());
        assertEquals(
                java.generic().column("default_probability").getDouble(1),
                result.get("values").get(0).get(1).asDouble());
        assertTrue(result.get("values").get(1).get(1).asBoolean(), result.toString());
    }

    private Path folder(String modelUri) {
        return ModelUris.toLocalFolder(modelUri, new FileTrackingStore(mlruns));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static Map<String, Object> request(
            List<String> columns, List<List<Object>> data, Map<String, String> dtypes, Map<String, Object> params) {
        Map<String, Object> request = new HashMap<>();
        request.put("columns", columns);
        request.put("data", data);
        request.put("dtypes", dtypes);
        request.put("params", params);
        return request;
    }
}
