package io.mlflow4j.spark;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), by identity: a model is
 * unpacked and loaded by the first task that needs it, in its own class loader as
 * {@link MlflowModels#load} loads it, then reused by every later task and job. A task keeps the
 * models it uses until it ends; of the models no task uses, the JVM keeps the most recently used
 * up to a limit ({@code spark.mlflow4j.executorModels}), and closes the others and deletes their
 * folders, so a long-running application that scores version after version does not keep them all.
 */
final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Object LOCK = new Object();
    // Least recently used first; guarded by LOCK.
    private static final LinkedHashMap<String, Entry> MODELS = new LinkedHashMap<>(16, 0.75f, true);
    private static final Map<TaskUse, Entry> TASK_USES = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile int limit = SparkModel.DEFAULT_EXECUTOR_MODELS;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "mlflow4j-spark-models"));
    }

    private ExecutorModels() {}

    /**
     * The model, kept loaded until the calling task ends; outside a task, as long as the limit
     * allows. {@code limit} is the idle models to keep, as the model's session says.
     */
    static LoadedModel get(String identity, String name, Supplier<byte[]> packed, int limit) {
        TaskContext task = TaskContext.get();
        if (task == null) {
            Entry entry = acquire(identity, name, limit);
            try {
                return entry.model(packed);
            } finally {
                release(entry);
            }
        }
        TaskUse use = new TaskUse(task.taskAttemptId(), identity);
        Entry entry = TASK_USES.get(use);
        if (entry == null) {
            Entry acquired = acquire(identity, name, limit);
            TASK_USES.put(use, acquired);
            task.addTaskCompletionListener((TaskCompletionListener) context -> {
                TASK_USES.remove(use);
                release(acquired);
            });
            entry = acquired;
        }
        return entry.model(packed);
    }

    /** The entry of {@code identity}, marked in use until {@link #release}; loaded on its first {@link Entry#model}. */
    static Entry acquire(String identity, String name, int limit) {
        Entry entry;
        synchronized (LOCK) {
            ExecutorModels.limit = limit;
            entry = MODELS.computeIfAbsent(identity, id -> new Entry(id, name));
            entry.users++;
        }
        evictIdle();
        return entry;
    }

    static void release(Entry entry) {
        synchronized (LOCK) {
            entry.users--;
        }
        evictIdle();
    }

    /** Closes the least recently used models no task uses, beyond the limit; a model that failed to load goes at once. */
    private static void evictIdle() {
        List<Entry> closing = new ArrayList<>();
        synchronized (LOCK) {
            int excess = MODELS.size() - limit;
            for (Iterator<Entry> it = MODELS.values().iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.users == 0 && (excess > 0 || entry.failed)) {
                    it.remove();
                    closing.add(entry);
                    excess--;
                }
            }
        }
        closing.forEach(Entry::close);
    }

    /** How many models this JVM has loaded so far (a model is loaded once while it stays in the cache). */
    static int loads() {
        return LOADS.get();
    }

    /** Whether {@code identity}'s model is loaded in this JVM now. */
    static boolean isLoaded(String identity) {
        synchronized (LOCK) {
            Entry entry = MODELS.get(identity);
            return entry != null && entry.model != null;
        }
    }

    private static void closeAll() {
        List<Entry> entries;
        synchronized (LOCK) {
            entries = new ArrayList<>(MODELS.values());
        }
        entries.forEach(Entry::close);
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}", folder, e);
        }
    }

    /** One task's use of one model. */
    private record TaskUse(long taskAttemptId, String identity) {}

    /** A model of the cache: loaded once, by the first caller, while the others wait. */
    static final class Entry {
        private final String identity;
        private final String name;
        private int users; // guarded by LOCK
        private volatile boolean failed;
        private LoadedModel model; // guarded by this

        private Entry(String identity, String name) {
            this.identity = identity;
            this.name = name;
        }

        synchronized LoadedModel model(Supplier<byte[]> packed) {
            if (model == null) {
                try {
                    model = load(identity, name, packed.get());
                    failed = false;
                } catch (RuntimeException e) {
                    failed = true; // dropped when idle, so a later task tries again
                    throw e;
                }
            }
            return model;
        }

        private synchronized void close() {
            if (model == null) {
                return;
            }
            try {
                model.close();
                LOG.info("Closed model '{}': the executor keeps at most {} models no task uses", name, limit);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing model '{}' failed", name, e);
            }
            deleteQuietly(model.modelRoot());
            model = null;
        }
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
}
