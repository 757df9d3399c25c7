package io.mlflow4j.realmlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Comparisons between what real MLflow answered and what mlflow4j answered. */
final class SameAnswers {
    private SameAnswers() {}

    /** Two scoring answers to the same request: status, then predictions or MLflow's error JSON. */
    static void assertSameReply(Http.Reply mlflow, Http.Reply ours) throws IOException {
        assertEquals(
                mlflow.status(),
                ours.status(),
                () -> "status; MLflow answered " + mlflow.body() + "\nmlflow4j: " + ours.body());
        JsonNode theirs = ScoringCases.JSON.readTree(mlflow.body());
        JsonNode mine = ScoringCases.JSON.readTree(ours.body());
        if (mlflow.status() == 200) {
            assertSameJson(theirs, mine, "");
            // the same model computes the same doubles, which both must write as Python writes them
            assertEquals(numbers(mlflow.body()), numbers(ours.body()), "numbers as written");
            return;
        }
        assertEquals(
                theirs.get("error_code"),
                mine.get("error_code"),
                () -> "error_code; MLflow: " + mlflow.body() + "\nmlflow4j: " + ours.body());
        // The message's middle is Python's repr of the request's DataFrame and of the schema, which
        // mlflow4j does not imitate character for character: compare its opening words and its cause,
        // as the recorded-exchange tests of the server module do.
        String theirMessage = theirs.get("message").asText();
        String myMessage = mine.get("message").asText();
        String opening = String.join(
                " ", List.of(theirMessage.split("\\s+")).subList(0, Math.min(4, theirMessage.split("\\s+").length)));
        assertTrue(
                myMessage.startsWith(opening),
                () -> "message should open with '" + opening + "'\nMLflow:   " + theirMessage + "\nmlflow4j: "
                        + myMessage);
        int lastError = theirMessage.lastIndexOf("Error: ");
        if (lastError >= 0 && !theirMessage.contains("JSONDecodeError")) {
            String cause =
                    theirMessage.substring(lastError + "Error: ".length()).strip();
            assertTrue(
                    myMessage.strip().endsWith(cause),
                    () -> "message should end with '" + cause + "'\nMLflow:   " + theirMessage + "\nmlflow4j: "
                            + myMessage);
        }
    }

    /** Equal JSON, numbers to 1e-9 relative (NaN equal to NaN). */
    static void assertSameJson(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            assertTrue(
                    Double.compare(e, a) == 0 || Math.abs(e - a) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a)),
                    () -> where + ": expected " + expected + ", got " + actual);
        } else if (expected.isObject() && actual.isObject()) {
            assertEquals(fieldNames(expected), fieldNames(actual), () -> where + ": keys");
            expected.fieldNames()
                    .forEachRemaining(k -> assertSameJson(expected.get(k), actual.get(k), where + "." + k));
        } else if (expected.isArray() && actual.isArray()) {
            assertEquals(expected.size(), actual.size(), () -> where + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.\"])-?(?:NaN|Infinity|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?![\\w.\"])");

    /** The number literals of a JSON text outside strings, as written. */
    static List<String> numbers(String json) {
        List<String> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(json.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
