package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a JVM while it logs a model with a 400 MB artifact to a local store: what it
 * left is never where MLflow lists artifacts, and the next log to the experiment deletes it.
 */
class KilledWhileLoggingTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path tmp;

    private static List<Path> matching(Path root, String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, 4)) { // <exp>/<run>/ (MLflow 2) or <exp>/models/<m-id>/ (MLflow 3)
            return walk.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }

    private static long count(Path dir, String prefix) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .count();
        }
    }

    @Test
    void stagingOfAKilledLoggerIsDeletedByTheNextLog() throws Exception {
        Path weights = tmp.resolve("weights.bin");
        try (OutputStream out = Files.newOutputStream(weights)) {
            byte[] block = new byte[MB];
            for (int i = 0; i < 400; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        Path mlruns = tmp.resolve("mlruns");
        Process child = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledLoggerMain.class.getName(),
                        mlruns.toString(),
                        weights.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        String runStaging = ".mlflow4j-staging-" + child.pid() + "-";
        Path systemTmp = Paths.get(System.getProperty("java.io.tmpdir"));
        String tmpStaging = "mlflow4j-model-" + child.pid() + "-";
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (matching(mlruns, runStaging).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(
                    child.isAlive(),
                    "the child finished before it could be killed: " + Files.readString(tmp.resolve("child.log")));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(1, matching(mlruns, runStaging).size(), "the kill left its staging beside the model's files");
        assertEquals(1, count(systemTmp, tmpStaging), "and in the temporary folder");
        Path killedArtifacts = matching(mlruns, runStaging).get(0).resolveSibling("artifacts");
        assertTrue(
                !Files.exists(killedArtifacts) || count(killedArtifacts, "") == 0,
                "nothing where MLflow lists the killed model's files");

        try (ActiveRun run = Mlflow.startRun(new FileTrackingStore(mlruns), "e", "next")) {
            MlflowModels.log(new WeightsModel(Files.write(tmp.resolve("small.bin"), new byte[10])), run, "model");
        }
        assertEquals(List.of(), matching(mlruns, runStaging), "deleted by the next log to the experiment");
        assertEquals(0, count(systemTmp, tmpStaging));
    }
}
