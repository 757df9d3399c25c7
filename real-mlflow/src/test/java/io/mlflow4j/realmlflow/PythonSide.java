package io.mlflow4j.realmlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs {@code real_mlflow_checks.py} with one MLflow installation: what a Python user of MLflow sees. */
final class PythonSide {
    private final MlflowInstall mlflow;
    private final Path workDir;
    private final Path script;

    PythonSide(MlflowInstall mlflow, Path workDir) throws IOException {
        this.mlflow = mlflow;
        this.workDir = workDir;
        this.script = workDir.resolve("real_mlflow_checks.py");
        try (InputStream in = PythonSide.class.getResourceAsStream("/real_mlflow_checks.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The command's result, one entry per model (or the command's own result). */
    JsonNode run(String command, Map<String, Object> spec) throws IOException, InterruptedException {
        return run(command, spec, workDir);
    }

    /** The same, run in {@code cwd}: where MLflow's default store ({@code sqlite:///mlflow.db}) is. */
    JsonNode run(String command, Map<String, Object> spec, Path cwd) throws IOException, InterruptedException {
        Path specFile = Files.createTempFile(workDir, command, ".json");
        Path outFile = Files.createTempFile(workDir, command, ".out.json");
        ScoringCases.JSON.writeValue(specFile.toFile(), spec);
        ProcessBuilder python =
                mlflow.command("python", script.toString(), command, specFile.toString(), outFile.toString());
        // MLflow 3's client resolves runs:/<run>/model of a logged model only after its download of the
        // (empty) run path failed: 8 tries over about 4 minutes with the default retries, at once without
        python.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        ChildProcess.Result result = ChildProcess.run(python, cwd, Duration.ofMinutes(10));
        if (result.exit() != 0) {
            throw new AssertionError(
                    "real_mlflow_checks.py " + command + " failed with " + mlflow + ": " + result.describe());
        }
        JsonNode out = ScoringCases.JSON.readTree(outFile.toFile());
        if (!out.get("mlflow_version").asText().equals(mlflow.version())) {
            throw new AssertionError("expected " + mlflow + ", Python imported " + out.get("mlflow_version"));
        }
        return out.get("result");
    }

    /** Keys and values; a {@code null} value is kept (a {@code null} tracking URI means MLflow's default). */
    static Map<String, Object> spec(Object... keysAndValues) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return spec;
    }
}
