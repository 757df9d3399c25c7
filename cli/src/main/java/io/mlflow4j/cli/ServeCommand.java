package io.mlflow4j.cli;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.server.ScoringServer;
import io.mlflow4j.server.ScoringServerOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** {@code mlflow4j serve}: MLflow's scoring server for one model, until SIGINT or SIGTERM. */
final class ServeCommand {
    static final String USAGE_TEXT = """
            Usage: mlflow4j serve -m <model uri> [options]

            Serve a model with MLflow's scoring protocol: POST /invocations (application/json with
            dataframe_split, dataframe_records, instances or inputs, and params; or text/csv),
            GET /ping, GET /health, GET /version; Prometheus metrics at GET /metrics; and the Open
            Inference Protocol (KServe V2) under /v2. Stops gracefully on Ctrl-C or SIGTERM,
            finishing the requests in flight.

            Options:
              -m, --model-uri <uri>         the model: a folder, file:/... or runs:/<run id>/<path> (required)
              -p, --port <port>             the port, 5000 by default; 0 picks a free one
              -h, --host <address>          the address to bind, 127.0.0.1 by default; 0.0.0.0 for all
              -w, --workers <n>             predictions at once, the number of cores by default
              -t, --timeout <seconds>       answer 504 after this long, 60 by default
                                            (or MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT)
                  --max-request-size <bytes>  answer 413 to larger bodies, 67108864 (64 MiB) by default
                  --header-timeout <seconds>  drop a connection whose request headers take longer, 10 by default
                  --max-connections <n>     answer 503 to connections beyond this many open, 4096 by default
                  --max-bytes-in-flight <bytes>  answer 503 to a request whose body would take the bodies held
                                            at once past this, an eighth of the heap by default; a request
                                            alone is always taken. Out of memory, the server exits with 3.
                  --max-batch-size <rows>   merge concurrent requests with the same params into one predict
                                            of up to this many rows (column models); 1, the default, is off
                  --max-batch-delay-ms <ms> how long a batch waits to fill, 5 by default
                  --metrics <on|off>        serve Prometheus metrics at /metrics, on by default
                  --env-manager <name>      accepted for scripts written for 'mlflow models'; ignored,
                                            as a JVM model needs no Python environment
                  --help                    show this help
            """;

    private static final List<Options.Spec> SPECS = List.of(
            new Options.Spec("model-uri", "m"),
            new Options.Spec("env-manager", null),
            new Options.Spec("port", "p"),
            new Options.Spec("host", "h"),
            new Options.Spec("workers", "w"),
            new Options.Spec("timeout", "t"),
            new Options.Spec("max-request-size", null),
            new Options.Spec("header-timeout", null),
            new Options.Spec("max-connections", null),
            new Options.Spec("max-bytes-in-flight", null),
            new Options.Spec("max-batch-size", null),
            new Options.Spec("max-batch-delay-ms", null),
            new Options.Spec("metrics", null));

    private ServeCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Options options = Options.parse("serve", SPECS, args);
        if (options.help()) {
            out.print(USAGE_TEXT);
            return Main.OK;
        }
        String uri = options.required("model-uri", "m");
        ScoringServerOptions defaults = ScoringServerOptions.defaults();
        String envTimeout = System.getenv("MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT");
        int defaultTimeout =
                envTimeout != null && envTimeout.trim().matches("\\d+") && Integer.parseInt(envTimeout.trim()) > 0
                        ? Integer.parseInt(envTimeout.trim())
                        : (int) defaults.requestTimeout().toSeconds();
        ScoringServerOptions serverOptions = defaults.withHost(options.get("host", defaults.host()))
                .withPort(options.intValue("port", ScoringServerOptions.DEFAULT_PORT, 0, 65535))
                .withWorkers(options.intValue("workers", defaults.workers(), 1, 10_000))
                .withRequestTimeout(
                        Duration.ofSeconds(options.intValue("timeout", defaultTimeout, 1, Integer.MAX_VALUE)))
                .withMaxRequestBytes(options.longValue("max-request-size", defaults.maxRequestBytes(), 1))
                .withHeaderTimeout(Duration.ofSeconds(options.intValue(
                        "header-timeout", (int) defaults.headerTimeout().toSeconds(), 1, Integer.MAX_VALUE)))
                .withMaxConnections(
                        options.intValue("max-connections", defaults.maxConnections(), 1, Integer.MAX_VALUE))
                .withMaxBodyBytesInFlight(options.longValue("max-bytes-in-flight", defaults.maxBodyBytesInFlight(), 1))
                .withBatching(
                        options.intValue("max-batch-size", defaults.maxBatchSize(), 1, 1_000_000),
                        Duration.ofMillis(options.intValue(
                                "max-batch-delay-ms",
                                (int) defaults.maxBatchDelay().toMillis(),
                                0,
                                60_000)))
                .withMetrics(onOff(options.get("metrics", "on")));

        LoadedModel model = MlflowModels.load(uri);
        ScoringServer server;
        try {
            server = ScoringServer.start(model, serverOptions);
        } catch (IOException e) {
            closeQuietly(model);
            err.println("Error: could not listen on " + serverOptions.host() + ":" + serverOptions.port() + ": "
                    + e.getMessage() + ". Choose another port with -p, or stop what is using it.");
            return Main.FAILURE;
        } catch (RuntimeException e) {
            closeQuietly(model);
            throw e;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            closeQuietly(model);
                        },
                        "mlflow4j-shutdown"));
        err.println("Listening at " + server.url() + " (Ctrl-C to stop)");
        err.flush();
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private static boolean onOff(String value) throws UsageException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException("Option --metrics takes on or off, not '" + value + "'.");
        };
    }

    private static void closeQuietly(LoadedModel model) {
        try {
            model.close();
        } catch (IOException e) {
            // nothing left to do with a model we are done with
        }
    }
}
