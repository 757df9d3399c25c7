package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.scoring.TestModels;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open Inference Protocol (KServe V2) beside MLflow's protocol on the same port: answers shaped
 * as MLServer's MLflow runtime shapes them, and the same predictions as /invocations.
 */
class OpenInferenceTest {
    @TempDir
    Path dir;

    private static JsonNode json(Served.Reply reply) throws Exception {
        return RecordedExchangesTest.JSON.readTree(reply.body());
    }

    @Test
    void healthAndMetadataDescribeTheModelFromItsSignature() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            for (String path : new String[] {"/v2/health/live", "/v2/health/ready", "/v2/models/linear/ready"}) {
                Served.Reply reply = s.get(path);
                assertEquals(200, reply.status(), path);
                assertEquals("", reply.body(), "health answers have empty bodies: " + path);
            }
            JsonNode server = json(s.get("/v2"));
            assertEquals("mlflow4j", server.get("name").asText());
            assertEquals("[]", server.get("extensions").toString());

            assertEquals(
                    "{\"name\":\"linear\",\"versions\":[],\"platform\":\"\","
                            + "\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[-1,1],\"parameters\":{\"content_type\":\"np\"}},"
                            + "{\"name\":\"n\",\"datatype\":\"INT64\",\"shape\":[-1,1],\"parameters\":{\"content_type\":\"np\"}},"
                            + "{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1,1],\"parameters\":{\"content_type\":\"str\"}}],"
                            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP64\",\"shape\":[-1,1],\"parameters\":{\"content_type\":\"np\"}},"
                            + "{\"name\":\"label_upper\",\"datatype\":\"BYTES\",\"shape\":[-1,1],\"parameters\":{\"content_type\":\"str\"}}],"
                            + "\"parameters\":{\"content_type\":\"pd\"}}",
                    s.get("/v2/models/linear").body());

            Served.Reply missing = s.get("/v2/models/other");
            assertEquals(404, missing.status());
            assertEquals("{\"error\":\"Model other not found\"}", missing.body());
            assertEquals(
                    "{\"error\":\"Model linear with version 3 not found\"}",
                    s.get("/v2/models/linear/versions/3").body());
            assertEquals(
                    405, s.post("/v2/health/live", "application/json", "{}").status());
            assertEquals(405, s.get("/v2/models/linear/infer").status());
        }
    }

    @Test
    void inferAnswersWhatInvocationsAnswersInTheV2Shape() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            Served.Reply reply = s.post(
                    "/v2/models/linear/infer",
                    "application/json",
                    "{\"id\": \"r-1\", \"inputs\": ["
                            + "{\"name\": \"x\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [1.0, 2.5]},"
                            + "{\"name\": \"n\", \"shape\": [2, 1], \"datatype\": \"INT64\", \"data\": [[10], [20]]},"
                            + "{\"name\": \"label\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"p\", \"q\"]}]}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("application/json", reply.contentType());
            assertEquals(
                    "{\"model_name\":\"linear\",\"id\":\"r-1\",\"parameters\":{\"content_type\":\"pd\"},\"outputs\":["
                            + "{\"name\":\"y\",\"shape\":[2,1],\"datatype\":\"FP64\",\"data\":[8.0,16.0]},"
                            + "{\"name\":\"label_upper\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"parameters\":{\"content_type\":\"str\"},"
                            + "\"data\":[\"P\",\"Q\"]}]}",
                    reply.body());
            Served.Reply mlflow = s.post(
                    "/invocations",
                    "application/json",
                    "{\"inputs\": {\"x\": [1.0, 2.5], \"n\": [10, 20], \"label\": [\"p\", \"q\"]}}");
            assertEquals(
                    "{\"predictions\": [{\"y\": 8.0, \"label_upper\": \"P\"}, {\"y\": 16.0, \"label_upper\": \"Q\"}]}",
                    mlflow.body(),
                    "the same rows through MLflow's protocol");

            JsonNode generated = json(s.post(
                    "/v2/models/linear/infer",
                    "application/json",
                    "{\"inputs\": ["
                            + "{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1.0]},"
                            + "{\"name\": \"n\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1]},"
                            + "{\"name\": \"label\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"p\"]}]}"));
            assertEquals(36, generated.get("id").asText().length(), "no id sent: a generated UUID");
        }
    }

    @Test
    void badRequestsGetTheProtocolsErrorShape() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            Served.Reply notJson = s.post("/v2/models/linear/infer", "application/json", "{\"inputs\": [");
            assertEquals(422, notJson.status());
            assertTrue(json(notJson).get("error").asText().startsWith("The body is not valid JSON"), notJson.body());

            Served.Reply noInputs = s.post("/v2/models/linear/infer", "application/json", "{\"id\": \"x\"}");
            assertEquals(422, noInputs.status());

            Served.Reply badType = s.post(
                    "/v2/models/linear/infer",
                    "application/json",
                    "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FLOAT\", \"data\": [1.0]}]}");
            assertEquals(422, badType.status());
            assertTrue(json(badType).get("error").asText().contains("Use one of BOOL, UINT8"), badType.body());

            Served.Reply badLength = s.post(
                    "/v2/models/linear/infer",
                    "application/json",
                    "{\"inputs\": [{\"name\": \"x\", \"shape\": [3], \"datatype\": \"FP64\", \"data\": [1.0]}]}");
            assertEquals(400, badLength.status());
            assertEquals(
                    "There was an error encoding / decoding the payload: input 'x' has 1 values, but its shape [3]"
                            + " holds 3.",
                    json(badLength).get("error").asText());

            Served.Reply missingColumn = s.post(
                    "/v2/models/linear/infer",
                    "application/json",
                    "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1.0]}]}");
            assertEquals(400, missingColumn.status());
            assertTrue(json(missingColumn).get("error").asText().contains("missing inputs"), missingColumn.body());
        }
    }

    @Test
    void tensorModelsTakeNamedOrUnnamedTensors() throws Exception {
        try (Served s = Served.save(new TestModels.RowSums(), dir.resolve("rows"))) {
            assertEquals(
                    "{\"content_type\":\"np\"}",
                    json(s.get("/v2/models/row-sums")).get("parameters").toString());
            Served.Reply sums = s.post(
                    "/v2/models/row-sums/infer",
                    "application/json",
                    "{\"id\": \"a\", \"inputs\": ["
                            + "{\"name\": \"input-0\", \"shape\": [2, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4, 5, 6, 7, 8]}]}");
            assertEquals(
                    "{\"model_name\":\"row-sums\",\"id\":\"a\",\"parameters\":{\"content_type\":\"np\"},\"outputs\":["
                            + "{\"name\":\"output-1\",\"shape\":[2,1],\"datatype\":\"FP32\",\"parameters\":{\"content_type\":\"np\"},"
                            + "\"data\":[10.0,26.0]}]}",
                    sums.body());
            Served.Reply two = s.post(
                    "/v2/models/row-sums/infer",
                    "application/json",
                    "{\"inputs\": ["
                            + "{\"name\": \"a\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]},"
                            + "{\"name\": \"b\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}");
            assertEquals(400, two.status());
            assertEquals(
                    "There was an error encoding / decoding the payload: The 'np' codec only supports a single"
                            + " input tensor (2 were received)",
                    json(two).get("error").asText());
        }
        try (Served s = Served.save(new TestModels.NamedTensors(), dir.resolve("named"))) {
            Served.Reply reply = s.post(
                    "/v2/models/named-tensors/infer",
                    "application/json",
                    "{\"id\": \"b\", \"inputs\": ["
                            + "{\"name\": \"features\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [[1, 2, 3, 4]]},"
                            + "{\"name\": \"ids\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [7]},"
                            + "{\"name\": \"cube\", \"shape\": [1, 2, 3], \"datatype\": \"FP64\", \"data\": [1, 1, 1, 2, 2, 2]}]}");
            assertEquals(
                    "{\"model_name\":\"named-tensors\",\"id\":\"b\",\"parameters\":{\"content_type\":\"dict\"},\"outputs\":["
                            + "{\"name\":\"features\",\"shape\":[1,1],\"datatype\":\"FP32\",\"parameters\":{\"content_type\":\"np\"},\"data\":[10.0]},"
                            + "{\"name\":\"ids\",\"shape\":[1,1],\"datatype\":\"INT64\",\"parameters\":{\"content_type\":\"np\"},\"data\":[7]},"
                            + "{\"name\":\"cube\",\"shape\":[1,2],\"datatype\":\"FP64\",\"parameters\":{\"content_type\":\"np\"},\"data\":[3.0,6.0]}]}",
                    reply.body());
        }
    }

    @Test
    void aFailingModelIsA500InTheErrorShapeAndV2RequestsAreCounted() throws Exception {
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("gate"))) {
            Served.Reply failed = s.post(
                    "/v2/models/gate/infer",
                    "application/json",
                    "{\"inputs\": [{\"name\": \"label\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"fail\"]}]}");
            assertEquals(500, failed.status());
            assertEquals(
                    "Model 'gate' failed to predict: it raised IllegalStateException; the server log has the details.",
                    json(failed).get("error").asText());
            Served.Reply ok = s.post(
                    "/v2/models/gate/infer",
                    "application/json",
                    "{\"inputs\": [{\"name\": \"label\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"go\"]}]}");
            assertEquals(200, ok.status(), ok.body());
            String metrics = s.get("/metrics").body();
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"v2\",status=\"500\"} 1.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"v2\",status=\"200\"} 1.0"), metrics);
            Served.Reply head = s.send(HttpRequest.newBuilder(s.uri("/v2/health/ready"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.status());
        }
    }
}
