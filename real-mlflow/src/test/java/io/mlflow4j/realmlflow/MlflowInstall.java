package io.mlflow4j.realmlflow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One installation of real MLflow: a folder with {@code bin/mlflow} and {@code bin/python} (a
 * virtualenv after {@code pip install mlflow==3.11.1}, or a folder made by
 * {@code shared/real-mlflow/install.sh}, whose {@code env.sh} is then sourced first).
 *
 * <p>Found through {@code MLFLOW4J_REAL_MLFLOW} (such folders separated by {@code :}) or else the
 * {@code mlflow} on the {@code PATH}.
 */
record MlflowInstall(Path home, String version) {
    static final String VARIABLE = "MLFLOW4J_REAL_MLFLOW";

    static List<MlflowInstall> find() throws IOException, InterruptedException {
        List<Path> homes = new ArrayList<>();
        String listed = System.getenv(VARIABLE);
        if (listed != null && !listed.isBlank()) {
            for (String entry : listed.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    homes.add(Path.of(entry).toAbsolutePath());
                }
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path mlflow = Path.of(dir).resolve("mlflow");
                if (!dir.isBlank() && Files.isExecutable(mlflow)) {
                    homes.add(mlflow.toAbsolutePath().getParent().getParent());
                    break;
                }
            }
        }
        List<MlflowInstall> installs = new ArrayList<>();
        for (Path home : homes) {
            if (!Files.isExecutable(home.resolve("bin/mlflow"))) {
                throw new IllegalStateException(
                        VARIABLE + " names " + home + ", which has no bin/mlflow: give the folder of"
                                + " a virtualenv with MLflow installed (or one made by shared/real-mlflow/install.sh)");
            }
            MlflowInstall unknown = new MlflowInstall(home, "?");
            ChildProcess.Result version = ChildProcess.run(
                    unknown.command("python", "-c", "import mlflow; print(mlflow.__version__)"),
                    null,
                    Duration.ofMinutes(2));
            if (version.exit() != 0) {
                throw new IllegalStateException("MLflow in " + home + " does not import: " + version.stderr());
            }
            installs.add(new MlflowInstall(home, version.stdout().strip()));
        }
        return installs;
    }

    /** A command run with this installation's MLflow: {@code mlflow ...} or {@code python ...}. */
    ProcessBuilder command(String program, String... args) {
        List<String> command = new ArrayList<>();
        Path env = home.resolve("env.sh");
        if (Files.isRegularFile(env)) {
            command.addAll(List.of("bash", "-c", "source \"$0\" >/dev/null && exec \"$@\"", env.toString(), program));
        } else {
            command.add(home.resolve("bin").resolve(program).toString());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        builder.environment().put("PYTHONWARNINGS", "ignore");
        return builder;
    }

    int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    @Override
    public String toString() {
        return "MLflow " + version;
    }
}
