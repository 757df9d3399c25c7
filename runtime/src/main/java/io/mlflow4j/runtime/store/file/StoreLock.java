package io.mlflow4j.runtime.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises read-modify-write steps on one {@code mlruns} folder, across threads (a lock per
 * folder) and across processes (an OS file lock on {@code .mlflow4j.lock} in the folder; MLflow
 * ignores files at the root, it only lists experiment folders).
 */
final class StoreLock {
    private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock threadLock;

    public StoreLock(Path root) {
        this.lockFile = root.resolve(".mlflow4j.lock");
        this.threadLock = THREAD_LOCKS.computeIfAbsent(root.toAbsolutePath().normalize(), p -> new ReentrantLock());
    }

    public <T> T withLock(Supplier<T> action) {
        threadLock.lock();
        try {
            if (threadLock.getHoldCount() > 1) {
                return action.get(); // re-entered: the file lock is already ours
            }
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not lock the tracking folder " + lockFile.getParent() + ": " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }

    public void withLock(Runnable action) {
        withLock(() -> {
            action.run();
            return null;
        });
    }
}
