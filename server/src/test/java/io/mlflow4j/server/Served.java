package io.mlflow4j.server;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.model.ModelAdapter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A model saved to a folder, loaded back generically and served on 127.0.0.1 at a free port. */
final class Served implements AutoCloseable {
    final LoadedModel model;
    final ScoringServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Served(LoadedModel model, ScoringServer server) {
        this.model = model;
        this.server = server;
    }

    static Served save(ModelAdapter<?> adapter, Path folder, ScoringServerOptions options) throws IOException {
        MlflowModels.save(adapter, folder);
        LoadedModel model = MlflowModels.load(folder.toString());
        return new Served(model, ScoringServer.start(model, options));
    }

    static Served save(ModelAdapter<?> adapter, Path folder) throws IOException {
        return save(adapter, folder, ScoringServerOptions.defaults().withPort(0));
    }

    /** One exchange as the client saw it. */
    record Reply(int status, String contentType, String body) {}

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    @Override
    public void close() throws IOException {
        server.close();
        model.close();
    }
}
