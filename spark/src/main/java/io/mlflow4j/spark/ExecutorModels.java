package io.mlflow4j.spark;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), by identity: a model is
 * unpacked and loaded by the first task that needs it, in its own class loader as
 * {@link MlflowModels#load} loads it, then reused by every later task and job. Models stay loaded
 * until the JVM ends, when their folders are deleted.
 */
final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<String, LoadedModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "mlflow4j-spark-models"));
    }

    private ExecutorModels() {}

    static LoadedModel get(String identity, String name, Supplier<byte[]> packed) {
        LoadedModel model = MODELS.get(identity);
        // computeIfAbsent: tasks that need the same model at once wait for one load.
        return model != null ? model : MODELS.computeIfAbsent(identity, id -> load(id, name, packed.get()));
    }

    private static LoadedModel load(String identity, String name, byte[] packed) {
        long start = System.nanoTime();
        Path folder;
        try {
            folder = Files.createTempDirectory("mlflow4j-spark-" + identity.substring(0, 12) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for model '" + name + "': " + e.getMessage(), e);
        }
        try {
            ModelArchive.unpack(packed, folder);
            LoadedModel model = MlflowModels.load(folder.toString());
            LOADS.incrementAndGet();
            LOG.info(
                    "Loaded model '{}' ({} bytes shipped) in {} ms",
                    name,
                    packed.length,
                    (System.nanoTime() - start) / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    /** How many models this JVM has loaded so far (a model is loaded once, whatever its use). */
    static int loads() {
        return LOADS.get();
    }

    private static void closeAll() {
        for (LoadedModel model : MODELS.values()) {
            try {
                model.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing model '{}' failed", model.name(), e);
            }
            deleteQuietly(model.modelRoot());
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}", folder, e);
        }
    }
}
