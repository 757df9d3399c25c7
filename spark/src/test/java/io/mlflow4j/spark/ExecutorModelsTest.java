package io.mlflow4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The executor's cache of models, outside Spark: what it keeps, what it closes, what a task pins. */
class ExecutorModelsTest {
    private static final byte[] PROBE = ModelArchive.pack(Path.of(TestModelFolders.probe()));
    private static final byte[] FLAT = ModelArchive.pack(Path.of(TestModelFolders.flat()));
    private static final byte[] NUMBERS = ModelArchive.pack(Path.of(TestModelFolders.numbers()));

    /** An identity of its own, so other tests' models in this JVM are not involved. */
    private static String identity() {
        return "test-" + UUID.randomUUID();
    }

    private static LoadedModel use(String identity, byte[] packed, int limit) {
        ExecutorModels.Entry entry = ExecutorModels.acquire(identity, identity, limit);
        try {
            return entry.model(() -> packed);
        } finally {
            ExecutorModels.release(entry);
        }
    }

    @Test
    void keepsUpToTheLimitOfIdleModelsAndClosesTheLeastRecentlyUsed() {
        String a = identity();
        String b = identity();
        String c = identity();
        int loads = ExecutorModels.loads();
        LoadedModel first = use(a, PROBE, 2);
        use(b, FLAT, 2);
        assertTrue(ExecutorModels.isLoaded(a) && ExecutorModels.isLoaded(b));
        assertEquals(first, use(a, PROBE, 2), "reused, and now the most recently used");
        use(c, NUMBERS, 2);

        assertTrue(ExecutorModels.isLoaded(a));
        assertFalse(ExecutorModels.isLoaded(b), "the least recently used idle model is closed");
        assertTrue(ExecutorModels.isLoaded(c));
        assertEquals(loads + 3, ExecutorModels.loads());
        use(b, FLAT, 2);
        assertEquals(loads + 4, ExecutorModels.loads(), "loaded again when needed again");
        assertFalse(ExecutorModels.isLoaded(a));
        assertFalse(Files.exists(first.modelRoot()), "a closed model's folder is deleted");
    }

    @Test
    void aModelInUseIsNeverClosed() {
        String a = identity();
        String b = identity();
        String c = identity();
        ExecutorModels.Entry held = ExecutorModels.acquire(a, a, 1);
        LoadedModel model = held.model(() -> PROBE);
        use(b, FLAT, 1);
        assertTrue(ExecutorModels.isLoaded(a), "in use: kept beyond the limit");
        assertFalse(ExecutorModels.isLoaded(b), "idle and beyond the limit: closed at once");
        assertTrue(Files.exists(model.modelRoot()), "its folder is still there");

        ExecutorModels.release(held);
        assertTrue(ExecutorModels.isLoaded(a), "within the limit once released");
        use(c, NUMBERS, 1);
        assertFalse(ExecutorModels.isLoaded(a));
        assertTrue(ExecutorModels.isLoaded(c));
    }

    @Test
    void aModelThatFailsToLoadIsTriedAgainByTheNextTask() {
        String a = identity();
        byte[] notAZip = {1, 2, 3};
        assertThrows(RuntimeException.class, () -> use(a, notAZip, 8));
        assertFalse(ExecutorModels.isLoaded(a));
        use(a, PROBE, 8);
        assertTrue(ExecutorModels.isLoaded(a), "the failure was not cached");
    }
}
