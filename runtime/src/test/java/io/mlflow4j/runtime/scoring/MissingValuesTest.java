package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing values as pandas holds them, on optional_columns (name string, score double optional,
 * age long optional, flag boolean): a NaN float is a missing value; an integer column cannot hold
 * one, so MLflow's server refuses it whether the column is optional or not. The expected answers
 * are the ones real {@code mlflow models serve} 3.11.1 gave to the same requests.
 */
class MissingValuesTest {
    static final String NONE_TYPE =
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";
    static final String AGE_INT64 =
            "Invalid input. Data is not compatible with model signature. Failed to convert column"
                    + " age to type 'int64'. Error: '";
    static LoadedModel model;

    @BeforeAll
    static void load(@TempDir Path dir) {
        MlflowModels.save(new TestModels.OptionalEcho(), dir.resolve("m"));
        model = MlflowModels.load(dir.resolve("m").toString());
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    static ScoringResponse post(String contentType, String body) {
        return new Invocations(model).invoke(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static String badRequest(String body) throws Exception {
        return InvocationsTest.error(post("application/json", body), 400, "BAD_REQUEST");
    }

    @Test
    void aNaNFloatIsAMissingValue() throws Exception {
        JsonNode rows = InvocationsTest.ok(post(
                "application/json",
                "{\"dataframe_split\": {\"columns\": [\"name\", \"score\","
                        + " \"flag\"], \"data\": [[\"a\", NaN, true], [\"b\", null, false]]}}"));
        assertEquals(
                List.of("name", "flag"),
                TestJson.fieldNames(rows.get(0)),
                "the echo drops a column with no value: " + rows);
        JsonNode csv = InvocationsTest.ok(post("text/csv", "name,score,flag\na,NaN,true\nb,,false\n"));
        assertEquals(List.of("name", "flag"), TestJson.fieldNames(csv.get(0)), csv.toString());
    }

    @Test
    void aMissingIntegerInADataFrameFailsTheFloatCast() throws Exception {
        String nonFinite = AGE_INT64 + "IntCastingNaNError('Cannot convert non-finite values (NA or inf) to integer')'";
        assertEquals(
                nonFinite,
                badRequest("{\"dataframe_split\": {\"columns\": [\"name\", \"age\", \"flag\"],"
                        + " \"data\": [[\"a\", 1, true], [\"b\", null, true]]}}"));
        assertEquals(
                nonFinite,
                badRequest("{\"dataframe_split\": {\"columns\": [\"name\", \"age\", \"flag\"],"
                        + " \"data\": [[\"a\", 1, true], [\"b\", NaN, true]]}}"));
        assertEquals(
                nonFinite,
                badRequest("{\"dataframe_records\": [{\"name\": \"a\", \"age\": 1, \"flag\": true},"
                        + " {\"name\": \"b\", \"flag\": true}]}"),
                "a key left out of a record");
        assertEquals(
                AGE_INT64 + "TypeError(\"" + NONE_TYPE + "\")'",
                badRequest("{\"dataframe_split\": {\"columns\":"
                        + " [\"name\", \"age\", \"flag\"], \"data\": [[\"b\", null, true]]}}"),
                "only None: an object column, cast value by value");
        assertEquals(
                AGE_INT64 + "ValueError(\"invalid literal for int() with base 10: 'x'\")'",
                badRequest(
                        "{\"dataframe_split\":"
                                + " {\"columns\": [\"name\", \"age\", \"flag\"], \"data\": [[\"a\", \"x\", true], [\"b\", null, true]]}}"),
                "the first value that fails decides");
    }

    @Test
    void aMissingIntegerInOtherFormsFailsNumpysCast() throws Exception {
        assertEquals(
                "Invalid input. " + NONE_TYPE,
                badRequest(
                        "{\"inputs\": {\"name\": [\"a\", \"b\"], \"age\": [1, null]," + " \"flag\": [true, true]}}"));
        assertEquals(
                "Invalid input. " + NONE_TYPE,
                badRequest("{\"instances\": [{\"name\": \"a\", \"age\": 1, \"flag\": true},"
                        + " {\"name\": \"b\", \"age\": null, \"flag\": true}]}"));
        assertEquals(
                "Invalid input. cannot convert float NaN to integer",
                badRequest(
                        "{\"instances\": {\"name\": [\"a\", \"b\"]," + " \"age\": [1, NaN], \"flag\": [true, true]}}"));
    }

    @Test
    void aMissingIntegerInCsvIsRefusedByReadCsv() throws Exception {
        String message =
                InvocationsTest.error(post("text/csv", "name,age,flag\na,1,true\nb,,true\n"), 400, "BAD_REQUEST");
        assertEquals(ScoringError.CSV_PARSE_FAILED + "'Integer column has NA values in column 1'", message);
        assertTrue(InvocationsTest.error(post("text/csv", "name,flag,age\na,true,NaN\n"), 400, "BAD_REQUEST")
                .endsWith("'Integer column has NA values in column 2'"));
    }

    @Test
    void integersThatAreAllThereStillPass() throws Exception {
        JsonNode rows = InvocationsTest.ok(post(
                "application/json",
                "{\"dataframe_split\": {\"columns\": [\"name\", \"age\","
                        + " \"flag\"], \"data\": [[\"a\", 1, true], [\"b\", 2.0, false]]}}"));
        assertEquals(2, rows.get(1).get("age").asLong());
    }
}
