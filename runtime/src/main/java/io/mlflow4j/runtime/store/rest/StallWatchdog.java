package io.mlflow4j.runtime.store.rest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action when a transfer makes no progress for a while: the timeout of uploads and
 * downloads, which may take much longer than one request's timeout in total but must not stall.
 * Like a socket read timeout in Python's {@code requests}.
 */
final class StallWatchdog implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mlflow4j-transfer-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final Runnable onStall;
    private final AtomicBoolean stalled = new AtomicBoolean();
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();

    StallWatchdog(Duration timeout, Runnable onStall) {
        this.timeoutNanos = timeout.toNanos();
        this.onStall = onStall;
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    boolean stalled() {
        return stalled.get();
    }

    private void check() {
        if (System.nanoTime() - lastProgress > timeoutNanos && stalled.compareAndSet(false, true)) {
            check.cancel(false);
            onStall.run();
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
