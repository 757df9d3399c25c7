package io.mlflow4j.realmlflow;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A child process whose output goes to files (never a full pipe), stopped with all its descendants. */
final class ChildProcess implements AutoCloseable {
    record Result(int exit, String stdout, String stderr) {
        String describe() {
            return "exit " + exit + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
        }
    }

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ChildProcess start(ProcessBuilder builder, Path workDir) throws IOException {
        Path out = Files.createTempFile("real-mlflow-out", ".log");
        Path err = Files.createTempFile("real-mlflow-err", ".log");
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new ChildProcess(builder.start(), out, err);
    }

    /** Runs to the end; a process still running after {@code timeout} is stopped and reported. */
    static Result run(ProcessBuilder builder, Path workDir, Duration timeout) throws IOException, InterruptedException {
        try (ChildProcess child = start(builder, workDir)) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Result sofar = child.output();
                throw new IllegalStateException(
                        "still running after " + timeout + ": " + builder.command() + "\n" + sofar.describe());
            }
            return child.output();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Result output() throws IOException {
        return new Result(
                process.isAlive() ? -1 : process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}
