package io.mlflow4j.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Spark standalone cluster on 127.0.0.1 from the test's class path: a Master and a Worker as
 * child JVMs, the Worker starting executors in JVMs of their own. SPARK_HOME is a folder with an
 * empty {@code jars/}; the executors' class path is given by the session. Public for the benchmarks.
 */
public final class StandaloneCluster implements AutoCloseable {
    private final Process master;
    private final Process worker;
    private final String url;

    private StandaloneCluster(Process master, Process worker, String url) {
        this.master = master;
        this.worker = worker;
        this.url = url;
    }

    public static StandaloneCluster start(Path work) throws IOException, InterruptedException {
        Path sparkHome = Files.createDirectories(work.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        int port = freePort();
        int webUi = freePort();
        String url = "spark://127.0.0.1:" + port;
        Process master = start(
                work,
                "master",
                List.of(
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--webui-port",
                        String.valueOf(webUi)),
                sparkHome);
        Process worker = null;
        try {
            worker = start(
                    work,
                    "worker",
                    List.of(
                            "org.apache.spark.deploy.worker.Worker",
                            url,
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            "2",
                            "--memory",
                            "2g",
                            "--webui-port",
                            String.valueOf(freePort()),
                            "--work-dir",
                            Files.createDirectories(work.resolve("worker-work")).toString()),
                    sparkHome);
            awaitWorker(webUi, master, worker, work);
            return new StandaloneCluster(master, worker, url);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(worker);
            stop(master);
            throw e;
        }
    }

    public String url() {
        return url;
    }

    /** The JVM flags Spark needs on this Java (for 3.5), given by the build. */
    public static List<String> jvmFlags() {
        return Arrays.stream(System.getProperty("mlflow4j.spark.jvmFlags", "").split("\\s+"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** This test JVM's class path without the entries {@code excluded} matches. */
    public static String classPath(Predicate<String> excluded) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(excluded.negate())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Process start(Path work, String name, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static void awaitWorker(int webUi, Process master, Process worker, Path work)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive() || !worker.isAlive()) {
                break;
            }
            try {
                String json = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                if (json.replace(" ", "").contains("\"aliveworkers\":1")) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's web UI is not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "The standalone cluster did not come up. Master log:\n" + Files.readString(work.resolve("master.log"))
                        + "\nWorker log:\n" + Files.readString(work.resolve("worker.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Stops the Worker first: it stops its executors. */
    @Override
    public void close() {
        try {
            stop(worker);
            stop(master);
        } catch (InterruptedException e) {
            worker.destroyForcibly();
            master.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
