package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends 12,000 malformed or mutated payloads to a column model, and 4,000 each to a tensor model
 * and a nested-columns model (truncated JSON, flipped bytes, wrong types, huge
 * numbers, deep nesting, long strings, wrong content types, binary garbage, broken CSV) from four
 * clients on loopback, plus raw garbage on the socket, and checks that no answer is a 5xx, and that
 * the server still answers /ping and a valid request afterwards. Deterministic: the seed is fixed.
 */
class FuzzTest {
    private static final int PAYLOADS = 12_000;
    private static final long SEED = 20261128L;
    private static final String VALID =
            "{\"dataframe_split\": {\"columns\": [\"x\", \"n\", \"label\"], \"data\": [[1.0, 10, \"p\"]]}}";
    private static final List<String> CONTENT_TYPES = Arrays.asList(
            "application/json",
            "application/json",
            "application/json",
            "text/csv",
            "text/csv; charset=utf-8",
            "application/json; charset=utf-16",
            "application/json; format=pandas-split",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            ";;;",
            "application/json;charset",
            "*/*",
            null);
    private static final String[] HUGE = {
        "1e999",
        "-1e400",
        "123456789012345678901234567890123456789",
        "NaN",
        "-Infinity",
        "0.0000000000000000000000000000001",
        "9223372036854775808",
        "-9223372036854775809",
        "1e-400",
        "1" + "0".repeat(400),
        "-" + "9".repeat(999)
    };

    @Test
    void malformedPayloadsNeverGetA5xxNorStopTheServer(@TempDir Path dir) throws Exception {
        fuzz(
                new TestModels.Linear(),
                dir,
                seeds(List.of(
                        VALID,
                        "{\"dataframe_records\": [{\"x\": 1.0, \"n\": 10, \"label\": \"p\"}, {\"x\": 2.0, \"n\": 20, \"label\": \"q\"}]}",
                        "{\"instances\": [{\"x\": 1.0, \"n\": 10, \"label\": \"p\"}]}",
                        "{\"inputs\": {\"x\": [1.0, 2.0], \"n\": [10, 20], \"label\": [\"p\", \"q\"]}, \"params\": {\"a\": 1}}",
                        "x,n,label\n1.0,10,p\n2.0,20,q\n")),
                PAYLOADS,
                VALID,
                "{\"predictions\": [{\"y\": 8.0, \"label_upper\": \"P\"}]}");
    }

    @Test
    void malformedPayloadsForATensorModel(@TempDir Path dir) throws Exception {
        String valid = "{\"inputs\": {\"features\": [[0, 1, 2, 3]], \"ids\": [7], \"cube\": [[[0, 1, 2], [3, 4, 5]]]}}";
        fuzz(
                new TestModels.NamedTensors(),
                dir,
                seeds(
                        List.of(
                                valid,
                                "{\"instances\": [{\"features\": [0, 1, 2, 3], \"ids\": 7, \"cube\": [[0, 1, 2], [3, 4, 5]]}]}",
                                "{\"dataframe_records\": [{\"features\": [0, 1, 2, 3], \"ids\": 7, \"cube\": [[0, 1, 2], [3, 4, 5]]}]}",
                                "{\"inputs\": {\"features\": [[1e300, -0.0, NaN, 3]], \"ids\": [9223372036854775807], \"cube\": [[[true, false, 1], [\"1\", \"2\", null]]]}}")),
                PAYLOADS / 3,
                valid,
                "{\"predictions\": {\"features\": [6.0], \"ids\": [7], \"cube\": [[3.0, 12.0]]}}");
    }

    @Test
    void malformedPayloadsForANestedColumnsModel(@TempDir Path dir) throws Exception {
        String valid =
                "{\"dataframe_records\": [{\"tags\": [\"x\"], \"obj\": {\"a\": 1}, \"scores\": {\"m\": 1.0}, \"items\": [{\"k\": \"v\"}]}]}";
        fuzz(
                new TestModels.NestedEcho(),
                dir,
                seeds(
                        List.of(
                                valid,
                                "{\"inputs\": {\"tags\": [\"x\", \"y\"], \"obj\": {\"a\": 1, \"b\": \"z\"}, \"scores\": {}, \"matrix\": [[1], [2, 3]], \"items\": []}}",
                                "{\"instances\": [{\"tags\": [], \"obj\": {\"a\": 2}, \"scores\": {\"m\": 2.5}, \"items\": [{\"k\": \"w\"}]}]}",
                                "{\"dataframe_split\": {\"columns\": [\"tags\", \"obj\", \"scores\", \"items\"], \"data\": [[[\"x\"], {\"a\": 1}, {\"m\": 1}, [{\"k\": \"v\"}]]]}}")),
                PAYLOADS / 3,
                valid,
                "{\"predictions\": [{\"tags\": [\"x\"], \"obj\": {\"a\": 1}, \"scores\": {\"m\": 1.0}, \"items\": [{\"k\": \"v\"}]}]}");
    }

    private static void fuzz(
            ModelAdapter<?> adapter, Path dir, List<String> seeds, int payloads, String valid, String validAnswer)
            throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxRequestBytes(256 * 1024);
        try (Served s = Served.save(adapter, dir.resolve("m"), options)) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement();
                            i < payloads && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        Random random = new Random(SEED + i);
                        byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
                        String contentType = random.nextInt(5) == 0
                                ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()))
                                : body.length > 0 && (body[0] == '{' || body[0] == '[')
                                        ? "application/json"
                                        : random.nextBoolean() ? "text/csv" : "application/json";
                        HttpRequest.Builder request = HttpRequest.newBuilder(s.uri("/invocations"))
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        if (contentType != null) {
                            request.header("Content-Type", contentType);
                        }
                        try {
                            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            answered.incrementAndGet();
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (r.statusCode() >= 500 || (r.statusCode() != 200 && !isErrorBody(r))) {
                                failures.add("payload " + i + " (" + contentType + "): " + r.statusCode() + " "
                                        + r.body() + "\n  sent: "
                                        + new String(body, 0, Math.min(300, body.length), StandardCharsets.UTF_8));
                            }
                        } catch (Exception e) {
                            failures.add("payload " + i + ": no answer: " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> c : clients) {
                c.get();
            }
            pool.shutdown();
            rawGarbage(s.server.port(), new Random(SEED));

            System.out.println("Fuzz answers by status: " + statuses);
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, first: " + failures.peek());
            assertTrue(
                    statuses.keySet().containsAll(List.of(200, 400, 415)),
                    "the mutations reach predictions, input" + " errors and content type errors: " + statuses);
            assertEquals(payloads, answered.get(), "all payloads answered within the time bound");
            assertEquals(200, s.get("/ping").status());
            Served.Reply answer = s.post("/invocations", "application/json", valid);
            assertEquals(200, answer.status(), answer.body());
            assertEquals(validAnswer, answer.body());
        }
    }

    private static boolean isErrorBody(HttpResponse<String> r) {
        if (r.statusCode() == 415) {
            return r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")
                    && !r.body().isEmpty();
        }
        try {
            JsonNode error = RecordedExchangesTest.JSON.readTree(r.body());
            return error.has("error_code") && error.has("message") && !r.body().contains("\\tat ");
        } catch (Exception e) {
            return false;
        }
    }

    /** Request bodies recorded from MLflow, and valid ones for this model, to mutate. */
    private static List<String> seeds(List<String> own) throws Exception {
        List<String> seeds = new ArrayList<>(own);
        for (String version : List.of("2.17.2", "3.6.1")) {
            for (String line : Files.readAllLines(
                    RecordedExchangesTest.REFERENCE.resolve(version).resolve("scoring_exchanges.jsonl"))) {
                JsonNode body = RecordedExchangesTest.JSON.readTree(line).get("request_body");
                if (body != null && !body.isNull()) {
                    seeds.add(body.asText());
                }
            }
        }
        return seeds;
    }

    static byte[] mutate(String seed, Random random) {
        String s = seed;
        switch (random.nextInt(11)) {
            case 0 -> s = s.substring(0, random.nextInt(s.length() + 1));
            case 1 -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                for (int k = 0; k < 1 + random.nextInt(5) && b.length > 0; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2 -> {
                StringBuilder sb = new StringBuilder(s);
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    sb.insert(random.nextInt(sb.length() + 1), "{}[]\",:\\".charAt(random.nextInt(8)));
                }
                s = sb.toString();
            }
            case 3 -> s = s.replaceAll("-?\\d+(\\.\\d+)?", HUGE[random.nextInt(HUGE.length)]);
            case 4 -> {
                int depth = 1 + random.nextInt(3000);
                String key = List.of("inputs", "instances", "dataframe_split", "dataframe_records", "params")
                        .get(random.nextInt(5));
                s = "{\"" + key + "\": " + "[".repeat(depth) + "1" + "]".repeat(depth) + "}";
            }
            case 5 -> {
                String key = List.of("inputs", "instances", "dataframe_split", "dataframe_records")
                        .get(random.nextInt(4));
                s = "{\"" + key + "\": " + randomJson(random, 4)
                        + (random.nextBoolean() ? "" : ", \"params\": " + randomJson(random, 2)) + "}";
            }
            case 6 -> {
                byte[] garbage = new byte[random.nextInt(2000)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 7 -> {
                int from = random.nextInt(s.length() + 1);
                int to = from + random.nextInt(s.length() - from + 1);
                s = s.substring(0, to) + s.substring(from);
            }
            case 8 -> s = s.replaceFirst("\"p\"", "\"" + "p".repeat(1 + random.nextInt(100_000)) + "\"");
            case 9 -> s = randomCsv(random);
            default -> s = randomJson(random, 5);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomJson(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> HUGE[random.nextInt(HUGE.length)];
            case 4 ->
                "\""
                        + List.of("x", "n", "label", "", "1.5", "abc", "\\u0000", "é")
                                .get(random.nextInt(8)) + "\"";
            case 5 -> Double.toString(random.nextGaussian() * 1e6);
            case 6 -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < random.nextInt(5); i++) {
                    sb.append(i > 0 ? ", " : "").append(randomJson(random, depth - 1));
                }
                yield sb.append(']').toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < random.nextInt(5); i++) {
                    String key = List.of(
                                    "x",
                                    "n",
                                    "label",
                                    "columns",
                                    "data",
                                    "index",
                                    "inputs",
                                    "z",
                                    "features",
                                    "ids",
                                    "cube",
                                    "tags",
                                    "obj",
                                    "scores",
                                    "items",
                                    "a")
                            .get(random.nextInt(16));
                    sb.append(i > 0 ? ", " : "")
                            .append('"')
                            .append(key)
                            .append("\": ")
                            .append(randomJson(random, depth - 1));
                }
                yield sb.append('}').toString();
            }
        };
    }

    private static String randomCsv(Random random) {
        StringBuilder sb = new StringBuilder();
        int rows = random.nextInt(6);
        for (int r = 0; r < rows; r++) {
            int cells = random.nextInt(5);
            for (int c = 0; c < cells; c++) {
                sb.append(c > 0 ? "," : "")
                        .append(List.of("x", "n", "label", "1.5", "", "\"q\"\"", "\"", "abc", "10", "NaN")
                                .get(random.nextInt(10)));
            }
            sb.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        return sb.toString();
    }

    /** Broken HTTP on raw sockets: the JDK server refuses it; the scoring server must not mind. */
    private static void rawGarbage(int port, Random random) throws Exception {
        String[] requests = {
            "GARBAGE\r\n\r\n",
            "POST /invocations HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"in",
            "\r\n\r\n\r\n",
            "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n",
            "POST /invocations HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
        };
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                if (i % 2 == 0) {
                    out.write(requests[random.nextInt(requests.length)].getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    byte[] garbage = new byte[random.nextInt(4000)];
                    random.nextBytes(garbage);
                    out.write(garbage);
                }
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                in.readNBytes(4096);
            } catch (IOException e) {
                // the server may drop a garbage connection; that is a fine answer
            }
        }
    }
}
