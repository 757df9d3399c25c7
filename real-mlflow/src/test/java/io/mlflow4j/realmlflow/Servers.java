package io.mlflow4j.realmlflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Scoring servers and tracking servers, started as their users start them, on 127.0.0.1. */
final class Servers {
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    private Servers() {}

    /** {@code java -jar mlflow4j-cli-...-all.jar serve -m FOLDER}: every case's answer. */
    static Map<String, Http.Reply> askMlflow4j(Path folder, Map<String, String> cases, Path workDir) throws Exception {
        int port = Http.freePort();
        Path jar = Path.of(System.getProperty("mlflow4j.cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build it first (./mvnw -B package -DskipTests)");
        }
        ProcessBuilder serve = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "serve",
                "-m",
                folder.toString(),
                "-p",
                String.valueOf(port));
        try (ChildProcess server = ChildProcess.start(serve, workDir)) {
            return ask(server, port, cases);
        }
    }

    /** {@code mlflow models serve -m FOLDER --env-manager local}, in an empty folder of its own: every case's answer. */
    static Map<String, Http.Reply> askMlflow(MlflowInstall mlflow, Path folder, Map<String, String> cases, Path workDir)
            throws Exception {
        int port = Http.freePort();
        Path cwd = Files.createTempDirectory(workDir, "serve");
        ProcessBuilder serve = mlflow.command(
                "mlflow",
                "models",
                "serve",
                "-m",
                folder.toString(),
                "--env-manager",
                "local",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "--workers",
                "1");
        try (ChildProcess server = ChildProcess.start(serve, cwd)) {
            return ask(server, port, cases);
        }
    }

    private static Map<String, Http.Reply> ask(ChildProcess server, int port, Map<String, String> cases)
            throws Exception {
        String base = "http://127.0.0.1:" + port;
        Http.awaitOk(base + "/ping", server, START_PATIENCE);
        Map<String, Http.Reply> replies = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            replies.put(c.getKey(), Http.post(base + "/invocations", "application/json", c.getValue()));
        }
        return replies;
    }

    /** {@code mlflow server} with a SQLite backend and proxied artifacts, as MLflow's docs start it. */
    static ChildProcess trackingServer(MlflowInstall mlflow, Path dir, int port) throws Exception {
        ProcessBuilder server = mlflow.command(
                "mlflow",
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--workers",
                "1",
                "--backend-store-uri",
                "sqlite:///" + dir.resolve("mlflow.db").toAbsolutePath(),
                "--artifacts-destination",
                dir.resolve("artifacts").toAbsolutePath().toString());
        ChildProcess process = ChildProcess.start(server, dir);
        try {
            Http.awaitOk("http://127.0.0.1:" + port + "/health", process, START_PATIENCE);
            return process;
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /**
     * {@code mlflow server --backend-store-uri sqlite:///DB} as a team starts it on an existing
     * database, artifacts where the database's experiments say.
     */
    static ChildProcess trackingServerOn(MlflowInstall mlflow, Path db, Path cwd, int port) throws Exception {
        ProcessBuilder server = mlflow.command(
                "mlflow",
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--workers",
                "1",
                "--backend-store-uri",
                "sqlite:///" + db.toAbsolutePath());
        ChildProcess process = ChildProcess.start(server, cwd);
        try {
            Http.awaitOk("http://127.0.0.1:" + port + "/health", process, START_PATIENCE);
            return process;
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }
}
