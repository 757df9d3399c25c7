package io.mlflow4j.runtime.store.rest;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long upload or download, logged at INFO at most every {@link #INTERVAL_NANOS}:
 * bytes and files done out of the total. Transfers that finish within the first interval log
 * nothing, so small models stay quiet.
 */
final class TransferProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TransferProgress.class);
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String what;
    private final long totalBytes;
    private final int totalFiles;
    private final long started = System.nanoTime();
    private volatile long lastReport = started;
    private long doneBytes;
    private int doneFiles;
    private volatile long currentFileBytes;
    private boolean reported;
    private final long intervalNanos;
    private final Consumer<String> sink;

    TransferProgress(String what, long totalBytes, int totalFiles) {
        this(what, totalBytes, totalFiles, INTERVAL_NANOS, LOG::info);
    }

    TransferProgress(String what, long totalBytes, int totalFiles, long intervalNanos, Consumer<String> sink) {
        this.what = what;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
        this.intervalNanos = intervalNanos;
        this.sink = sink;
    }

    /** Bytes of the file in flight so far (restarts from 0 on a retry). */
    void fileBytes(long bytes) {
        currentFileBytes = bytes;
        if (System.nanoTime() - lastReport >= intervalNanos) {
            synchronized (this) {
                maybeReport();
            }
        }
    }

    synchronized void fileDone(long size) {
        doneBytes += size;
        doneFiles++;
        currentFileBytes = 0;
        maybeReport();
    }

    synchronized void finished() {
        if (reported) {
            double seconds = (System.nanoTime() - started) / 1e9;
            sink.accept(String.format(
                    "%s: done, %d files, %s in %.1f s (%s/s).",
                    what, doneFiles, mib(doneBytes), seconds, mib((long) (doneBytes / Math.max(seconds, 1e-3)))));
        }
    }

    private void maybeReport() {
        long now = System.nanoTime();
        if (now - lastReport < intervalNanos) {
            return;
        }
        lastReport = now;
        reported = true;
        long bytes = doneBytes + currentFileBytes;
        double seconds = (now - started) / 1e9;
        sink.accept(String.format(
                "%s: %s of %s (%d%%), %d of %d files, %s/s.",
                what,
                mib(bytes),
                mib(totalBytes),
                totalBytes == 0 ? 100 : bytes * 100 / totalBytes,
                doneFiles,
                totalFiles,
                mib((long) (bytes / Math.max(seconds, 1e-3)))));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
