package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.model.ModelAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payloads for the types beyond the six scalars, without HTTP: binary and datetime columns, array,
 * object and map columns, unnamed and named tensors; what MLflow accepts, how it writes the
 * predictions, and what it refuses with which message.
 */
class TypedInvocationsTest {
    static final Map<String, LoadedModel> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void load(@TempDir Path dir) {
        Map<String, ModelAdapter<?>> adapters = Map.of(
                "all",
                new TestModels.AllTypesEcho(),
                "nested",
                new TestModels.NestedEcho(),
                "rows",
                new TestModels.RowSums(),
                "named",
                new TestModels.NamedTensors());
        adapters.forEach((name, adapter) -> {
            MlflowModels.save(adapter, dir.resolve(name));
            MODELS.put(name, MlflowModels.load(dir.resolve(name).toString()));
        });
    }

    @AfterAll
    static void close() throws Exception {
        for (LoadedModel m : MODELS.values()) {
            m.close();
        }
    }

    static ScoringResponse post(String model, String contentType, String body) {
        return new Invocations(MODELS.get(model)).invoke(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static ScoringResponse json(String model, String body) {
        return post(model, "application/json", body);
    }

    static String allTypes(String dt, String bin, String i) {
        return "{\"dataframe_records\": [{\"b\": true, \"i\": " + i
                + ", \"l\": 1, \"f\": 0.5, \"d\": 0.25, \"s\": \"s\"," + " \"bin\": " + bin + ", \"dt\": " + dt + "}]}";
    }

    @Test
    void datetimesAreReadAsPandasReadsThemAndWrittenAsIsoformat() throws Exception {
        JsonNode out = InvocationsTest.ok(json("all", allTypes("\"2024-01-02 03:04:05.000000001\"", "\"\"", "1")));
        assertEquals("2024-01-02T03:04:05.000000001", out.get(0).get("dt").asText(), "nanoseconds kept, as pandas");
        assertEquals(
                "1970-01-01T00:00:01.500000",
                InvocationsTest.ok(json("all", allTypes("1500000000", "\"\"", "1")))
                        .get(0)
                        .get("dt")
                        .asText(),
                "an integer is nanoseconds since the epoch, as astype(datetime64[ns])");
        assertEquals(
                "2024-01-02T01:04:05",
                InvocationsTest.ok(json("all", allTypes("\"2024-01-02T03:04:05+02:00\"", "\"\"", "1")))
                        .get(0)
                        .get("dt")
                        .asText(),
                "an offset is taken at UTC");
        assertEquals(
                "NaT",
                InvocationsTest.ok(json("all", allTypes("null", "\"\"", "1")))
                        .get(0)
                        .get("dt")
                        .asText());
        String message = InvocationsTest.error(json("all", allTypes("\"yesterday\"", "\"\"", "1")), 400, "BAD_REQUEST");
        assertEquals(
                "Invalid input. Data is not compatible with model signature. Failed to convert column dt to type"
                        + " 'datetime64[ns]'. Error: 'ValueError('Unknown datetime string format, unable to parse: yesterday')'",
                message);
    }

    @Test
    void binaryIsBase64BothWays() throws Exception {
        byte[] bytes = new byte[60];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) (k * 7);
        }
        String mime = Base64.getMimeEncoder(76, new byte[] {'\n'})
                .encodeToString(bytes)
                .replace("\n", "\\n");
        JsonNode out = InvocationsTest.ok(json("all", allTypes("0", "\"" + mime + "\"", "1")));
        String written = out.get(0).get("bin").asText();
        assertEquals(77 + 5, written.length(), "76 characters, a newline, the rest and a newline: " + written);
        assertEquals('\n', written.charAt(76));
        assertTrue(written.endsWith("\n"));
        assertEquals(
                Arrays.toString(bytes), Arrays.toString(Base64.getMimeDecoder().decode(written)));
        String message = InvocationsTest.error(json("all", allTypes("0", "\"eHl\"", "1")), 400, "BAD_REQUEST");
        assertTrue(
                message.endsWith("Failed to convert column bin to type 'object'. Error: 'Error('Incorrect padding')'"),
                message);
    }

    @Test
    void integersWrapInADataFrameAndOverflowInInputs() throws Exception {
        assertEquals(
                1410065408,
                InvocationsTest.ok(json("all", allTypes("0", "\"\"", "10000000000")))
                        .get(0)
                        .get("i")
                        .asInt());
        String message = InvocationsTest.error(
                json(
                        "all",
                        "{\"inputs\": {\"b\": [true], \"i\": [10000000000], \"l\": [1],"
                                + " \"f\": [0.5], \"d\": [0.5], \"s\": [\"s\"], \"bin\": [\"\"], \"dt\": [0]}}"),
                400,
                "BAD_REQUEST");
        assertTrue(message.contains("out of bounds for int32"), message);
    }

    @Test
    void csvReadsBinaryAndDatetimeColumns() throws Exception {
        JsonNode out =
                InvocationsTest.ok(post("all", "text/csv", "b,i,l,f,d,s,bin,dt\ntrue,1,2,1.5,2.5,s,eHl6,2024-01-02\n"));
        assertEquals(
                "{\"b\":true,\"i\":1,\"l\":2,\"f\":1.5,\"d\":2.5,\"s\":\"s\",\"bin\":\"eHl6\\n\",\"dt\":\"2024-01-02T00:00:00\"}",
                out.get(0).toString());
    }

    @Test
    void nestedColumnsAreCheckedWhileReadingAsMlflowDoes() throws Exception {
        JsonNode one = InvocationsTest.ok(json(
                "nested",
                "{\"inputs\": {\"tags\": [\"x\", \"y\"], \"obj\": {\"a\": 1},"
                        + " \"scores\": {\"m\": 2}, \"items\": []}}"));
        assertEquals(
                "[{\"tags\":[\"x\",\"y\"],\"obj\":{\"a\":1},\"scores\":{\"m\":2.0},\"items\":[]}]",
                one.toString(),
                "a dictionary in 'inputs' is one record when the signature has array or object columns");
        JsonNode split = InvocationsTest.ok(
                json(
                        "nested",
                        "{\"dataframe_split\": {\"columns\": [\"tags\", \"obj\", \"scores\","
                                + " \"matrix\", \"items\"], \"data\": [[[], {\"a\": 5, \"b\": \"q\"}, {}, [[1, 2], []], [{\"k\": \"v\"}]]]}}"));
        assertEquals(
                "[{\"tags\":[],\"obj\":{\"a\":5,\"b\":\"q\"},\"scores\":{},\"matrix\":[[1,2],[]],\"items\":[{\"k\":\"v\"}]}]",
                split.toString());
        assertEquals(
                "Invalid input. Data is not compatible with model signature. Failed to convert column tags to type"
                        + " 'Array(string)'. Error: 'MlflowException('Expected data to be list or numpy array, got str')'",
                InvocationsTest.error(
                        json(
                                "nested",
                                "{\"dataframe_records\": [{\"tags\": \"x\", \"obj\": {\"a\": 1},"
                                        + " \"scores\": {}, \"items\": []}]}"),
                        400,
                        "BAD_REQUEST"));
        assertEquals(
                "[{\"tags\":[\"x\"],\"obj\":{\"a\":1},\"scores\":{},\"items\":[]},{\"tags\":[],\"obj\":{\"a\":2},"
                        + "\"scores\":{},\"matrix\":[[3]],\"items\":[]}]",
                InvocationsTest.ok(json(
                                "nested",
                                "{\"instances\": [{\"tags\": [\"x\"],"
                                        + " \"obj\": {\"a\": 1}, \"scores\": {}, \"items\": []}, {\"tags\": [], \"obj\": {\"a\": 2}, \"scores\": {},"
                                        + " \"matrix\": [[3]], \"items\": []}]}"))
                        .toString()
                        .replace(",\"matrix\":null", ""),
                "records in 'instances' may leave out an optional column");
        assertTrue(InvocationsTest.error(
                        json(
                                "nested",
                                "{\"dataframe_records\": [{\"tags\": [], \"obj\": {\"a\": 1, \"c\": 2},"
                                        + " \"scores\": {}, \"items\": []}]}"),
                        400,
                        "BAD_REQUEST")
                .contains("Invalid properties not defined in the" + " schema found: {'c'}"));
        assertTrue(InvocationsTest.error(
                        json("nested", "{\"dataframe_records\": [{\"tags\": [], \"obj\": {\"a\": 1}}]}"),
                        400,
                        "INVALID_PARAMETER_VALUE")
                .endsWith("Model is missing inputs ['scores', 'items']."));
    }

    @Test
    void unnamedTensorsFromEveryForm() throws Exception {
        assertEquals(
                "[[10.0],[2.0]]",
                InvocationsTest.ok(json("rows", "{\"instances\": [[1, 2, 3, 4], [0.5, 0.5, 0.5, 0.5]]}"))
                        .toString());
        assertEquals(
                "[[10.0]]",
                InvocationsTest.ok(json("rows", "{\"dataframe_records\": [{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}]}"))
                        .toString());
        assertEquals(
                "[[10.0],[4.0]]",
                InvocationsTest.ok(json(
                                "rows",
                                "{\"dataframe_split\": {\"columns\": [\"x\"],"
                                        + " \"data\": [[[1, 2, 3, 4]], [[1, 1, 1, 1]]]}}"))
                        .toString(),
                "a column of lists is stacked");
        assertEquals(
                "[[4.0]]",
                InvocationsTest.ok(json("rows", "{\"inputs\": [[\"1\", true, 0, 2]]}"))
                        .toString(),
                "numeric text and booleans cast as numpy casts them");
        assertEquals(
                "{\"predictions\": [[NaN]]}",
                json("rows", "{\"inputs\": [[null, 0, 0, 0]]}").bodyText(),
                "null is NaN in a float tensor");
        assertEquals(
                "{\"predictions\": [[0.10000000149011612]]}",
                json("rows", "{\"inputs\": [[0.1, 0, 0, 0]]}").bodyText(),
                "float32 written as the Python float tolist() gives");
        assertTrue(InvocationsTest.error(json("rows", "{\"inputs\": {\"x\": [[1, 2, 3, 4]]}}"), 400, "BAD_REQUEST")
                .contains("un-named tensor-based model signature which expects a single n-dimensional array"));
        assertEquals(
                "Invalid input. setting an array element with a sequence. The requested array has an inhomogeneous"
                        + " shape after 2 dimensions. The detected shape was (1, 4) + inhomogeneous part.",
                InvocationsTest.error(json("rows", "{\"inputs\": [[1, 2, 3, [4]]]}"), 400, "BAD_REQUEST"));
        assertTrue(InvocationsTest.error(json("rows", "{\"inputs\": [1, 2, 3, 4]}"), 400, "INVALID_PARAMETER_VALUE")
                .endsWith("Error: Shape of input (4,) does not match expected shape (-1, 4)."));
        assertTrue(InvocationsTest.error(post("rows", "text/csv", "a,b,c,d\n1,2,3,4\n"), 400, "BAD_REQUEST")
                .endsWith("'TensorSpec only supports numpy types, use numpy_types() instead'"));
    }

    @Test
    void namedTensorsByNameFromDictionariesRecordsAndDataFrames() throws Exception {
        String expected = "{\"features\":[6.0],\"ids\":[7],\"cube\":[[3.0,12.0]]}";
        assertEquals(
                expected,
                InvocationsTest.ok(json(
                                "named",
                                "{\"inputs\": {\"cube\": [[[0, 1, 2], [3, 4, 5]]],"
                                        + " \"ids\": [7.9], \"features\": [[0, 1, 2, 3]], \"extra\": [\"ignored\"]}}"))
                        .toString(),
                "order of the payload does not matter; a float for int64 is truncated; unknown names are dropped");
        assertEquals(
                expected,
                InvocationsTest.ok(json(
                                "named",
                                "{\"dataframe_records\": [{\"features\": [0, 1, 2, 3],"
                                        + " \"ids\": 7, \"cube\": [[0, 1, 2], [3, 4, 5]]}]}"))
                        .toString());
        assertEquals(
                expected,
                InvocationsTest.ok(json(
                                "named",
                                "{\"dataframe_split\": {\"columns\": [\"ids\", \"features\","
                                        + " \"cube\"], \"data\": [[7, [0, 1, 2, 3], [[0, 1, 2], [3, 4, 5]]]]}}"))
                        .toString());
        assertTrue(
                InvocationsTest.error(json("named", "{\"inputs\": [[0, 1, 2, 3]]}"), 400, "BAD_REQUEST")
                        .contains(
                                "suggests a dictionary input mapping input name to tensor, but an input of type <class 'list'>"));
        assertTrue(InvocationsTest.error(
                        json("named", "{\"instances\": [{\"features\": [0, 1, 2, 3], \"ids\": 7}," + " {\"ids\": 8}]}"),
                        400,
                        "BAD_REQUEST")
                .contains("The length of values for each input/column name are not the same"));
        assertTrue(InvocationsTest.error(
                        json(
                                "named",
                                "{\"inputs\": {\"features\": [[0, 1, 2, 3]], \"ids\": [7],"
                                        + " \"cube\": [[[0, 1], [3, 4]]]}}"),
                        400,
                        "INVALID_PARAMETER_VALUE")
                .endsWith("Error: Shape of input (1, 2, 2) does not match expected shape (-1, 2, 3)."));
        assertTrue(InvocationsTest.error(
                        json(
                                "named",
                                "{\"inputs\": {\"features\": [[0, 1, 2, 3]], \"ids\": [1e30],"
                                        + " \"cube\": [[[0, 1, 2], [3, 4, 5]]]}}"),
                        400,
                        "BAD_REQUEST")
                .contains("out of bounds for int64"));
    }
}
