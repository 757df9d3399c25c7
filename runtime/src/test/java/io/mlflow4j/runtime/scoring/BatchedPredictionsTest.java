package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several requests predicted as one batch get, each, exactly the answer they would get alone; one
 * predict call serves the whole batch; a request that cannot be predicted fails only itself.
 */
class BatchedPredictionsTest {
    static LoadedModel model;
    static Invocations invocations;
    static Predictions predictions;

    @BeforeAll
    static void load(@TempDir Path dir) {
        MlflowModels.save(new TestModels.Scaler(), dir.resolve("m"));
        model = MlflowModels.load(dir.resolve("m").toString());
        invocations = new Invocations(model);
        predictions = new Predictions(model);
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    @BeforeEach
    void resetCalls() {
        TestModels.Scaler.CALLS.set(0);
    }

    private static PreparedRequest prepared(String json) {
        return predictions.checked(invocations.prepare("application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String alone(String json) {
        return invocations
                .invoke("application/json", json.getBytes(StandardCharsets.UTF_8))
                .bodyText();
    }

    private static List<String> batched(List<String> bodies) {
        List<PreparedRequest> batch = new ArrayList<>();
        for (String body : bodies) {
            batch.add(prepared(body));
        }
        List<String> answers = new ArrayList<>();
        for (ScoringResponse r : predictions.answerAll(batch)) {
            answers.add(r.status() + " " + r.bodyText());
        }
        return answers;
    }

    private static List<String> eachAlone(List<String> bodies) {
        List<String> answers = new ArrayList<>();
        for (String body : bodies) {
            ScoringResponse r = invocations.invoke("application/json", body.getBytes(StandardCharsets.UTF_8));
            answers.add(r.status() + " " + r.bodyText());
        }
        return answers;
    }

    @Test
    void oneCallAnswersTheWholeBatchInOrder() {
        List<String> bodies = List.of(
                "{\"inputs\": {\"x\": [1.0]}}",
                "{\"dataframe_records\": [{\"x\": 2}, {\"x\": 3.5}]}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"extra\"], \"data\": [[4.0, \"dropped\"]]}}");
        assertEquals(
                prepared(bodies.get(0)).batchKey(),
                prepared(bodies.get(2)).batchKey(),
                "checked requests with the same params share a key, whatever their form and extra columns");
        List<String> answers = batched(bodies);
        assertEquals(1, TestModels.Scaler.CALLS.get(), "one predict for the batch");
        assertEquals(eachAlone(bodies), answers);
        assertEquals("200 {\"predictions\": [{\"y\": 4.0}, {\"y\": 7.0}]}", answers.get(1));
    }

    @Test
    void requestsWithOtherParamsHaveAnotherKey() {
        Object plain = prepared("{\"inputs\": {\"x\": [1.0]}}").batchKey();
        Object scaled = prepared("{\"inputs\": {\"x\": [1.0]}, \"params\": {\"scale\": 3.0}}")
                .batchKey();
        assertNotNull(plain);
        assertTrue(!plain.equals(scaled));
    }

    @Test
    void aRequestThatDoesNotFitIsRefusedBeforeItJoinsABatch() {
        PreparedRequest missing = prepared("{\"inputs\": {\"other\": [1.0]}}");
        assertNotNull(missing.refusal());
        assertNull(missing.batchKey());
        assertEquals(
                alone("{\"inputs\": {\"other\": [1.0]}}"), missing.refusal().bodyText());
        PreparedRequest badParam = prepared("{\"inputs\": {\"x\": [1.0]}, \"params\": {\"scale\": \"big\"}}");
        assertEquals(
                alone("{\"inputs\": {\"x\": [1.0]}, \"params\": {\"scale\": \"big\"}}"),
                badParam.refusal().bodyText());
    }

    @Test
    void whenTheBatchFailsEachRequestGetsTheAnswerItWouldGetAlone() {
        List<String> bodies = List.of(
                "{\"inputs\": {\"x\": [1.0]}}", "{\"inputs\": {\"x\": [-1.0]}}", "{\"inputs\": {\"x\": [3.0]}}");
        List<String> answers = batched(bodies);
        assertEquals(1 + 3, TestModels.Scaler.CALLS.get(), "the failed batch, then each alone");
        assertEquals(eachAlone(bodies), answers);
        assertTrue(answers.get(0).startsWith("200 "), answers.get(0));
        assertTrue(answers.get(1).startsWith("400 "), answers.get(1));
        assertTrue(answers.get(2).startsWith("200 "), answers.get(2));
    }

    @Test
    void anOutputThatCannotBeCutBackIsPredictedRequestByRequest() {
        List<String> bodies = List.of(
                "{\"inputs\": {\"x\": [1.0, 2.0]}, \"params\": {\"short_by\": 1}}",
                "{\"inputs\": {\"x\": [3.0, 4.0]}, \"params\": {\"short_by\": 1}}");
        List<String> answers = batched(bodies);
        assertEquals(eachAlone(bodies), answers);
        assertEquals("200 {\"predictions\": [{\"y\": 6.0}]}", answers.get(1));
    }
}
