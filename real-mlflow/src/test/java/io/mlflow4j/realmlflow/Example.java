package io.mlflow4j.realmlflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The six examples of the README, each run by its own command: train, log, register, load back, predict. */
enum Example {
    IRIS("io.mlflow4j.examples.iris.IrisExample"),
    CHURN("io.mlflow4j.examples.churn.ChurnExample"),
    PENGUINS("io.mlflow4j.examples.penguins.PenguinExample"),
    CREDIT("io.mlflow4j.examples.credit.CreditRiskExample"),
    ORDERS("io.mlflow4j.examples.orders.OrderRiskExample"),
    SENSORS("io.mlflow4j.examples.sensors.SensorAnomalyExample");

    private static final Pattern LOGGED = Pattern.compile("(?m)^Logged model: (\\S+)$");
    private static final Pattern RUN = Pattern.compile("(?m)^Run id: +([0-9a-f]{32})$");
    private static final Pattern REGISTERED = Pattern.compile("(?m)^Registered: +models:/([^/\\s]+)/(\\d+),");

    final String mainClass;

    Example(String mainClass) {
        this.mainClass = mainClass;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What one run of an example printed: its model ({@code models:/m-<id>} for MLflow 3,
     * {@code runs:/<run id>/model} for MLflow 2), run and registered version.
     */
    record Logged(Example example, String modelUri, String runId, String registeredName, String version) {
        /** The MLflow 3 logged model's id, or {@code null}. */
        String modelId() {
            return modelUri.startsWith("models:/m-") ? modelUri.substring("models:/".length()) : null;
        }
    }

    /**
     * Runs the example's main class in a JVM of its own, as its README command does, logging to
     * {@code trackingUri}; the example itself loads the model back from that store and predicts.
     */
    Logged runAgainst(String trackingUri, Path workDir) throws IOException, InterruptedException {
        return runAgainst(trackingUri, workDir, null);
    }

    /** @param mlflowMajor for a local store, the MLflow it is written for ({@code MLFLOW4J_MLFLOW_VERSION}), or null */
    Logged runAgainst(String trackingUri, Path workDir, String mlflowMajor) throws IOException, InterruptedException {
        ProcessBuilder java = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass);
        java.environment().keySet().removeIf(k -> k.startsWith("MLFLOW"));
        if (trackingUri != null) { // null: MLflow's default store of the working directory
            java.environment().put("MLFLOW_TRACKING_URI", trackingUri);
        }
        if (mlflowMajor != null) {
            java.environment().put("MLFLOW4J_MLFLOW_VERSION", mlflowMajor);
        }
        ChildProcess.Result result = ChildProcess.run(java, workDir, Duration.ofMinutes(5));
        if (result.exit() != 0) {
            throw new AssertionError(label() + " example failed against " + trackingUri + ": " + result.describe());
        }
        return new Logged(
                this,
                find(LOGGED, result, 1),
                find(RUN, result, 1),
                find(REGISTERED, result, 1),
                find(REGISTERED, result, 2));
    }

    private String find(Pattern pattern, ChildProcess.Result result, int group) {
        Matcher m = pattern.matcher(result.stdout());
        if (!m.find()) {
            throw new AssertionError(
                    label() + " example printed no line matching " + pattern + ": " + result.describe());
        }
        return m.group(group);
    }

    /** The model folder a run left in a local file store: the logged model's (MLflow 3) or under the run's artifacts. */
    static Path folderIn(Path fileStore, Logged logged) throws IOException {
        try (Stream<Path> experiments = Files.list(fileStore)) {
            List<Path> found = experiments
                    .map(e -> logged.modelId() != null
                            ? e.resolve("models").resolve(logged.modelId()).resolve("artifacts")
                            : e.resolve(logged.runId()).resolve("artifacts/model"))
                    .filter(Files::isDirectory)
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError("no model folder of " + logged + " in " + fileStore);
            }
            return found.get(0);
        }
    }
}
