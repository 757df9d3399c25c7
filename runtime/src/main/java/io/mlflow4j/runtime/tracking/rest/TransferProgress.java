package io.mlflow4j.runtime.tracking.rest;

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

    TransferProgress(String what, long totalBytes, int totalFiles) {
        this.what = what;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
    }

    /** Bytes of the file in flight so far (restarts from 0 on a retry). */
    void fileBytes(long bytes) {
        currentFileBytes = bytes;
        if (System.nanoTime() - lastReport >= INTERVAL_NANOS) {
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
            LOG.info("{}: done, {} files, {} in {} s ({}/s).", what, doneFiles, mib(doneBytes),
                    String.format("%.1f", seconds), mib((long) (doneBytes / Math.max(seconds, 1e-3))));
        }
    }

    private void maybeReport() {
        long now = System.nanoTime();
        if (now - lastReport < INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        reported = true;
        long bytes = doneBytes + currentFileBytes;
        double seconds = (now - started) / 1e9;
        LOG.info("{}: {} of {} ({}%), {} of {} files, {}/s.", what, mib(bytes), mib(totalBytes),
                totalBytes == 0 ? 100 : bytes * 100 / totalBytes, doneFiles, totalFiles, mib((long) (bytes / seconds)));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
