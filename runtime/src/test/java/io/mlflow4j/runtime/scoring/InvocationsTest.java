package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.generated.ColumnModelAdapter;
import io.mlflow4j.runtime.model.ModelContext;
import io.mlflow4j.runtime.model.ModelSpec;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payload reading without HTTP, on the loader_module_model equivalent (x double, n long, label
 * string; y = 1 + 2x + 0.5n): the scoring server's loose casts, what it refuses and with which
 * message, CSV details and the shapes of every input form.
 */
class InvocationsTest {
    static LoadedModel model;
    static Invocations invocations;

    @BeforeAll
    static void load(@TempDir Path dir) {
        MlflowModels.save(new TestModels.Linear(), dir.resolve("m"));
        model = MlflowModels.load(dir.resolve("m").toString());
        invocations = new Invocations(model);
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    static ScoringResponse json(String body) {
        return invocations.invoke("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static ScoringResponse csv(String body) {
        return invocations.invoke("text/csv", body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode ok(ScoringResponse r) throws Exception {
        assertEquals(200, r.status(), r.bodyText());
        return TestJson.JSON.readTree(r.body()).get("predictions");
    }

    static String error(ScoringResponse r, int status, String code) throws Exception {
        assertEquals(status, r.status(), r.bodyText());
        JsonNode e = TestJson.JSON.readTree(r.body());
        assertEquals(code, e.get("error_code").asText(), r.bodyText());
        return e.get("message").asText();
    }

    @Test
    void castsLikeTheScoringServer() throws Exception {
        assertEquals(
                9.0,
                ok(json("{\"dataframe_records\": [{\"x\": \"1.5\", \"n\": 10, \"label\": \"p\"}]}"))
                        .get(0)
                        .get("y")
                        .asDouble());
        assertEquals(
                8.0,
                ok(json("{\"dataframe_records\": [{\"x\": true, \"n\": 10, \"label\": \"p\"}]}"))
                        .get(0)
                        .get("y")
                        .asDouble());
        assertEquals(
                8.0,
                ok(json("{\"dataframe_records\": [{\"x\": 1, \"n\": \"10\", \"label\": \"p\"}]}"))
                        .get(0)
                        .get("y")
                        .asDouble());
        assertEquals(
                0.0,
                ok(json("{\"dataframe_records\": [{\"x\": 0, \"n\": -2.9, \"label\": \"p\"}]}"))
                        .get(0)
                        .get("y")
                        .asDouble(),
                "a float for a long is truncated toward zero (-2.9 to -2) as numpy casts it");
        assertEquals(
                "5",
                ok(json("{\"dataframe_records\": [{\"x\": 1, \"n\": 1, \"label\": 5}]}"))
                        .get(0)
                        .get("label_upper")
                        .asText());
        assertEquals(
                "TRUE",
                ok(json("{\"dataframe_records\": [{\"x\": 1, \"n\": 1, \"label\": true}]}"))
                        .get(0)
                        .get("label_upper")
                        .asText());
        assertTrue(Double.isNaN(ok(json("{\"dataframe_records\": [{\"x\": NaN, \"n\": 1, \"label\": \"p\"}]}"))
                .get(0)
                .get("y")
                .asDouble()));
    }

    @Test
    void refusesWhatCannotBeCastWithTheColumnAndThePythonError() throws Exception {
        String notInt = error(
                json("{\"dataframe_records\": [{\"x\": 1, \"n\": \"1.5\", \"label\": \"p\"}]}"), 400, "BAD_REQUEST");
        assertEquals(
                "Invalid input. Data is not compatible with model signature. Failed to convert column n to type"
                        + " 'int64'. Error: 'ValueError(\"invalid literal for int() with base 10: '1.5'\")'",
                notInt);
        assertTrue(
                error(json("{\"dataframe_records\": [{\"x\": 1, \"n\": 1e30, \"label\": \"p\"}]}"), 400, "BAD_REQUEST")
                        .contains("out of bounds for int64"));
        assertTrue(error(
                        json("{\"dataframe_records\": [{\"x\": 1, \"n\": 99999999999999999999, \"label\": \"p\"}]}"),
                        400,
                        "BAD_REQUEST")
                .contains("out of bounds for int64"));
        assertTrue(
                error(json("{\"dataframe_records\": [{\"x\": [1], \"n\": 1, \"label\": \"p\"}]}"), 400, "BAD_REQUEST")
                        .contains("not 'list'"));
        assertTrue(error(
                        json("{\"dataframe_records\": [{\"x\": 1, \"n\": 1, \"label\": {\"a\": 1}}]}"),
                        400,
                        "BAD_REQUEST")
                .contains("Failed to convert column label to type 'object'"));
        String missing =
                error(json("{\"dataframe_records\": [{\"x\": 1, \"n\": null, \"label\": \"p\"}]}"), 400, "BAD_REQUEST");
        assertEquals(
                "Invalid input. Data is not compatible with model signature. Failed to convert column n to type"
                        + " 'int64'. Error: 'TypeError(\"" + MissingIntegers.NONE + "\")'",
                missing,
                "as pandas casts a column of None");
    }

    @Test
    void aStringOver20MbIsReadAsTheRequestSizeLimitAllows() throws Exception {
        String label = "p".repeat(21 * 1024 * 1024); // over Jackson's default maxStringLength (20,000,000)
        ScoringResponse r = json("{\"dataframe_records\": [{\"x\": 1, \"n\": 10, \"label\": \"" + label + "\"}]}");
        assertEquals(200, r.status(), r.status() == 200 ? "" : r.bodyText());
        assertTrue(r.bodyText().contains("\"" + "P".repeat(label.length()) + "\""));
    }

    @Test
    void extraColumnsOfAnyKindAreDropped() throws Exception {
        String huge = "1" + "0".repeat(400);
        JsonNode rows = ok(json("{\"dataframe_records\": [{\"x\": 1, \"n\": 10, \"label\": \"p\", \"z\": " + huge
                + ", \"w\": [1, {\"a\": null}], \"v\": true}, {\"x\": 1, \"n\": 10, \"label\": \"p\", \"z\": 1.5}]}"));
        assertEquals(2, rows.size());
        assertEquals(TestJson.fieldNames(rows.get(0)), List.of("y", "label_upper"));
    }

    @Test
    void readsEveryInputForm() throws Exception {
        String two = "[{\"y\":8.0,\"label_upper\":\"P\"},{\"y\":15.0,\"label_upper\":\"Q\"}]";
        JsonNode expected = TestJson.JSON.readTree(two);
        assertEquals(
                expected,
                ok(
                        json(
                                "{\"dataframe_split\": {\"columns\": [\"label\", \"n\", \"x\"], \"data\": [[\"p\", 10, 1], [\"q\", 20, 2]]}}")));
        assertEquals(
                expected,
                ok(
                        json(
                                "{\"instances\": [{\"x\": 1, \"n\": 10, \"label\": \"p\"}, {\"x\": 2, \"n\": 20, \"label\": \"q\"}]}")));
        assertEquals(expected, ok(json("{\"inputs\": {\"x\": [1, 2], \"n\": [10, 20], \"label\": [\"p\", \"q\"]}}")));
        assertEquals(
                TestJson.JSON.readTree("[{\"y\":8.0,\"label_upper\":\"P\"},{\"y\":15.0,\"label_upper\":\"P\"}]"),
                ok(json("{\"inputs\": {\"x\": [1, 2], \"n\": [10, 20], \"label\": \"p\"}}")),
                "a scalar is repeated along the other columns");
        assertEquals(
                TestJson.JSON.readTree("[{\"y\":8.0,\"label_upper\":\"P\"}]"),
                ok(json("{\"inputs\": {\"x\": 1, \"n\": 10, \"label\": \"p\"}}")),
                "a dictionary of scalars is one row");
        assertEquals(
                0,
                ok(json("{\"dataframe_split\": {\"columns\": [\"x\", \"n\", \"label\"], \"data\": []}}"))
                        .size());
    }

    @Test
    void refusesMalformedShapesWith400() throws Exception {
        assertTrue(error(
                        json("{\"dataframe_split\": {\"columns\": [\"x\", \"n\"], \"data\": [[1, 2, 3]]}}"),
                        400,
                        "BAD_REQUEST")
                .contains("2 columns passed, passed data had 3 columns"));
        assertTrue(error(
                        json("{\"dataframe_split\": {\"columns\": [\"x\"], \"data\": [[1]], \"index\": [1, 2]}}"),
                        400,
                        "BAD_REQUEST")
                .contains("does not match length of index"));
        assertTrue(error(
                        json("{\"dataframe_split\": {\"columns\": [\"x\", \"x\"], \"data\": [[1, 2]]}}"),
                        400,
                        "BAD_REQUEST")
                .contains("Duplicate column 'x'"));
        assertTrue(error(json("{\"dataframe_split\": {\"data\": [[1]], \"rows\": 1}}"), 400, "BAD_REQUEST")
                .contains("must have 'data' field"));
        assertTrue(
                error(json("{\"instances\": [{\"x\": 1, \"n\": 1, \"label\": \"p\"}, {\"x\": 2}]}"), 400, "BAD_REQUEST")
                        .contains("length of values for each input/column name are not the same"));
        assertTrue(
                error(json("{\"inputs\": [[1, 2], [3]]}"), 400, "BAD_REQUEST").contains("inhomogeneous"));
        assertTrue(error(json("{\"dataframe_records\": {\"x\": 1}}"), 400, "BAD_REQUEST")
                .contains("must be a list of records. Got dictionary."));
        assertTrue(error(json("\"text\""), 400, "BAD_REQUEST").contains("Received a str."));
        assertTrue(error(json("{\"inputs\": " + "[".repeat(500) + "]".repeat(500) + "}"), 400, "BAD_REQUEST")
                .startsWith("Invalid input. Ensure that input is a valid JSON formatted string."));
        assertTrue(error(invocations.invoke("application/json", new byte[] {'{', (byte) 0xff, '}'}), 400, "BAD_REQUEST")
                .startsWith("Invalid input. Ensure that input is a valid JSON formatted string."));
    }

    @Test
    void refusesPayloadsThatWouldFillInAHugeTable() throws Exception {
        StringBuilder records = new StringBuilder("{\"dataframe_records\": [");
        for (int i = 0; i < 5000; i++) {
            records.append(i > 0 ? ", " : "").append("{\"k").append(i).append("\": 1}");
        }
        String message = error(json(records.append("]}").toString()), 400, "BAD_REQUEST");
        assertTrue(
                message.contains("names 5000 columns over 5000 rows but leaves 24995000 of those cells to fill in"),
                message);

        StringBuilder columns = new StringBuilder("{\"inputs\": {\"x\": [" + "1, ".repeat(99_999) + "1]");
        for (int i = 0; i < 200; i++) {
            columns.append(", \"s").append(i).append("\": 1");
        }
        assertTrue(error(json(columns.append("}}").toString()), 400, "BAD_REQUEST")
                .contains("names 201 columns over 100000 rows but leaves 20000000"));

        String header = String.join(",", Collections.nCopies(20_000, "c")) + "\n";
        assertTrue(error(csv(header + "1\n".repeat(1000)), 400, "BAD_REQUEST")
                .contains("Short rows leave 19999000 cells"));
    }

    @Test
    void readsCsvWithQuotesCrlfAndEmptyCells() throws Exception {
        JsonNode rows = ok(csv("x,n,label\r\n1,10,\"a,\"\"b\"\r\n\r\n,20,q\r\n"));
        assertEquals("A,\"B", rows.get(0).get("label_upper").asText());
        assertTrue(Double.isNaN(rows.get(1).get("y").asDouble()), "an empty cell in a double column is NaN");
        assertEquals(2, rows.size());
        assertEquals(
                8.0, ok(csv("\uFEFFx,n,label\n1,10,p\n")).get(0).get("y").asDouble(), "a byte order mark is dropped");
        assertTrue(error(csv("x,n,label\n1,10,p,extra\n"), 400, "BAD_REQUEST")
                .startsWith(ScoringError.CSV_PARSE_FAILED
                        + "'Error tokenizing data. C error: Expected 3 fields in line 2, saw 4'"));
        assertTrue(error(csv("x,n,label\n1,1.5,p\n"), 400, "BAD_REQUEST").startsWith(ScoringError.CSV_PARSE_FAILED));
        assertTrue(error(csv(""), 400, "BAD_REQUEST").contains("No columns to parse from file"));
        assertEquals(
                List.of("x", "x.1", "x.1.1", "Unnamed: 3"),
                CsvPayloads.read("x,x,x.1,\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8), null)
                        .frame()
                        .names(),
                "pandas' names for repeated and empty headers");
        assertTrue(error(csv("x,n,label\n1,10,\"p\n"), 400, "BAD_REQUEST").contains("EOF inside string"));
    }

    @Test
    void checksContentTypesAsMlflowDoes() {
        ScoringResponse latin =
                invocations.invoke("application/json; charset=latin-1", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, latin.status());
        assertEquals("The scoring server only supports UTF-8", latin.bodyText());
        assertEquals(
                200,
                invocations
                        .invoke(
                                "Application/JSON; charset=UTF-8",
                                "{\"inputs\": {\"x\": [1], \"n\": [1], \"label\": [\"p\"]}}"
                                        .getBytes(StandardCharsets.UTF_8))
                        .status());
        ScoringResponse none = invocations.invoke(null, new byte[0]);
        assertEquals(415, none.status());
        assertEquals("text/plain; charset=utf-8", none.contentType());
        assertTrue(none.bodyText().contains("Got no Content-Type header"), none.bodyText());
    }

    @Test
    void servesABinaryModelWithBase64AsMlflowDoes(@TempDir Path dir) throws Exception {
        MlflowModels.save(new BinaryInput(), dir.resolve("bin"));
        try (LoadedModel binary = MlflowModels.load(dir.resolve("bin").toString())) {
            Invocations bin = new Invocations(binary);
            ScoringResponse ok = bin.invoke(
                    "application/json",
                    "{\"inputs\": {\"data\": [\"eHl6\", \"\", null]}}".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, ok.status(), ok.bodyText());
            assertEquals(
                    "{\"predictions\": [{\"data\": \"eHl6\\n\"}, {\"data\": \"\"}, {\"data\": null}]}", ok.bodyText());
            ScoringResponse bad =
                    bin.invoke("application/json", "{\"inputs\": {\"data\": [1]}}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, bad.status());
            assertTrue(bad.bodyText().contains("Failed to convert column data to type 'object'"), bad.bodyText());
        }
    }

    /** A model with a binary input column. */
    public static final class BinaryInput extends ColumnModelAdapter<TestModels.Plain> {
        static final ModelSpec SPEC = new ModelSpec(
                "binary",
                "",
                new ModelSignature(Schema.of(ColSpec.required(DataType.BINARY, "data")), null, null),
                List.of(),
                TestModels.Plain.class,
                BinaryInput.class);

        public BinaryInput() {
            super(new TestModels.Plain());
        }

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Path> artifactSources() {
            return Map.of();
        }

        @Override
        public void bind(ModelContext context) {}

        @Override
        public Table predict(Table input, Params params) {
            return input;
        }
    }
}
