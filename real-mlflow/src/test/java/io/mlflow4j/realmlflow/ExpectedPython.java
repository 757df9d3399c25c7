package io.mlflow4j.realmlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Python type and dtypes of a prediction, as the model's output signature says Java produces
 * them: named columns come back as a DataFrame, one unnamed column or a tensor as a numpy array.
 */
final class ExpectedPython {
    private ExpectedPython() {}

    static void assertKindAndDtypes(String outputsJson, JsonNode seen) throws IOException {
        JsonNode outputs = ScoringCases.JSON.readTree(outputsJson);
        JsonNode first = outputs.get(0);
        if (first.get("type").asText().equals("tensor")) {
            assertEquals("ndarray", seen.get("kind").asText(), "Python type of a tensor model's prediction");
            assertEquals(
                    first.get("tensor-spec").get("dtype").asText(),
                    seen.get("dtypes").asText(),
                    "dtype");
        } else if (outputs.size() == 1 && !first.has("name")) {
            assertEquals("ndarray", seen.get("kind").asText(), "Python type of a one-column prediction");
            assertEquals(
                    numpyDtype(first.get("type").asText()), seen.get("dtypes").asText(), "dtype");
        } else {
            assertEquals("DataFrame", seen.get("kind").asText(), "Python type of a prediction with named columns");
            Map<String, String> expected = new LinkedHashMap<>();
            for (JsonNode column : outputs) {
                expected.put(
                        column.get("name").asText(),
                        numpyDtype(column.get("type").asText()));
            }
            Map<String, String> actual = new LinkedHashMap<>();
            seen.get("dtypes")
                    .fields()
                    .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
            assertEquals(expected, actual, "dtypes");
        }
    }

    private static String numpyDtype(String mlflowType) {
        return switch (mlflowType) {
            case "double" -> "float64";
            case "float" -> "float32";
            case "long" -> "int64";
            case "integer" -> "int32";
            case "boolean" -> "bool";
            case "datetime" -> "datetime64[ns]";
            default -> "object"; // string, binary, array, object, map
        };
    }
}
