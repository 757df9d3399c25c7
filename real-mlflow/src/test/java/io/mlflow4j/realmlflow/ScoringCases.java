package io.mlflow4j.realmlflow;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The requests both scoring servers get for one model, made from its {@code serving_input_example.json}:
 * the example itself, and bad requests (a missing column, a wrong type, a missing integer, a wrong
 * tensor shape, malformed JSON) where the model's input form has them.
 */
final class ScoringCases {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ScoringCases() {}

    static Map<String, String> of(String servingExample) throws IOException {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("serving_input_example", servingExample);
        cases.put("bad_malformed_json", servingExample.substring(0, servingExample.length() / 2));
        ObjectNode example = (ObjectNode) JSON.readTree(servingExample);
        if (example.has("dataframe_split")) {
            ObjectNode split = (ObjectNode) example.get("dataframe_split");
            cases.put("bad_missing_column", JSON.writeValueAsString(withoutFirstColumn(example.deepCopy())));
            int integral = firstColumnWhere(split, JsonNode::isIntegralNumber);
            if (integral >= 0) {
                // pandas cannot hold a missing integer: MLflow refuses it (the float64 it becomes is not an int)
                ObjectNode missing = example.deepCopy();
                ((ArrayNode) missing.get("dataframe_split").get("data").get(0))
                        .set(integral, JSON.getNodeFactory().nullNode());
                cases.put("bad_null_in_integer", JSON.writeValueAsString(missing));
            }
            int numeric = firstColumnWhere(split, JsonNode::isNumber);
            if (numeric >= 0) {
                ObjectNode wrong = example.deepCopy();
                for (JsonNode row : wrong.get("dataframe_split").get("data")) {
                    ((ArrayNode) row).set(numeric, JSON.getNodeFactory().textNode("not a number"));
                }
                cases.put("bad_wrong_type", JSON.writeValueAsString(wrong));
            }
        } else if (example.has("inputs") && example.get("inputs").isArray()) {
            ObjectNode shorter = example.deepCopy();
            for (JsonNode row : shorter.get("inputs")) {
                if (row.isArray() && row.size() > 1) {
                    ((ArrayNode) row).remove(row.size() - 1);
                }
            }
            cases.put("bad_wrong_shape", JSON.writeValueAsString(shorter));
        }
        return cases;
    }

    private static ObjectNode withoutFirstColumn(ObjectNode example) {
        ObjectNode split = (ObjectNode) example.get("dataframe_split");
        ((ArrayNode) split.get("columns")).remove(0);
        for (JsonNode row : split.get("data")) {
            ((ArrayNode) row).remove(0);
        }
        return example;
    }

    private static int firstColumnWhere(ObjectNode split, Predicate<JsonNode> test) {
        JsonNode first = split.get("data").get(0);
        int i = 0;
        for (Iterator<JsonNode> cells = first.elements(); cells.hasNext(); i++) {
            if (test.test(cells.next())) {
                return i;
            }
        }
        return -1;
    }
}
