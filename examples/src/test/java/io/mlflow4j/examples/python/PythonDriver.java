package io.mlflow4j.examples.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code pyfunc_driver.py} with Debian's python3 (which has pandas), loading a model the way
 * MLflow does, and returns its JSON answer.
 */
final class PythonDriver {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PYTHON = System.getenv().getOrDefault("MLFLOW4J_TEST_PYTHON", "/usr/bin/python3");

    private PythonDriver() {}

    static Path script(Path dir) throws IOException {
        Path script = dir.resolve("pyfunc_driver.py");
        try (InputStream in = PythonDriver.class.getResourceAsStream("/pyfunc_driver.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    static void checkPythonHasPandas() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import pandas, numpy, yaml")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(PYTHON + " cannot import pandas, numpy and yaml, which these tests need."
                    + " Install them with: apt-get install -y python3-pandas python3-yaml (or set MLFLOW4J_TEST_PYTHON). "
                    + out);
        }
    }

    static ProcessBuilder builder(Path dir, Path model, Map<String, Object> request) throws IOException {
        return builder(dir, model, JSON.writeValueAsString(request));
    }

    /** For requests Jackson would not write as they are, such as a string with a lone surrogate. */
    static ProcessBuilder builder(Path dir, Path model, String requestJson) throws IOException {
        Path requestFile = Files.createTempFile(dir, "request", ".json");
        Files.writeString(requestFile, requestJson);
        ProcessBuilder builder =
                new ProcessBuilder(PYTHON, script(dir).toString(), model.toString(), requestFile.toString());
        builder.redirectError(ProcessBuilder.Redirect.appendTo(
                dir.resolve("python-stderr.log").toFile()));
        return builder;
    }

    static JsonNode run(Path dir, Path model, Map<String, Object> request) throws Exception {
        return run(builder(dir, model, request), dir);
    }

    static JsonNode run(ProcessBuilder builder, Path dir) throws Exception {
        Path stdout = Files.createTempFile(dir, "python-stdout", ".json");
        Process process = builder.redirectOutput(stdout.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) { // a hang fails the test instead of blocking the build
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("python did not finish within 180 s: " + Files.readString(stdout));
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String stderr = Files.exists(dir.resolve("python-stderr.log"))
                ? Files.readString(dir.resolve("python-stderr.log"))
                : "";
        if (process.exitValue() != 0 || out.isBlank()) {
            throw new AssertionError("python failed (exit " + process.exitValue() + "): " + out + "\n" + stderr);
        }
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
