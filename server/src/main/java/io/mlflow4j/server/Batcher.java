package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.PreparedRequest;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Adaptive batching: requests with the same batch key wait together until they hold
 * {@code maxRows} rows or the first of them has waited {@code maxDelay}, whichever comes first,
 * then run as one batch. A full batch runs on the thread that filled it (a worker); one whose time
 * is up runs on a worker. No request waits longer than the delay for others.
 */
final class Batcher {
    /** A request waiting in a batch, and what to do with its answer. */
    record Waiting(PreparedRequest request, Consumer<ScoringResponse> answer) {}

    private final int maxRows;
    private final long maxDelayNanos;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Consumer<List<Waiting>> runBatch;
    private final Map<Object, Filling> filling = new HashMap<>();

    /**
     * @param runBatch predicts a batch and hands each request its answer, on the calling thread
     */
    Batcher(
            int maxRows,
            long maxDelayNanos,
            ScheduledExecutorService timer,
            Executor workers,
            Consumer<List<Waiting>> runBatch) {
        this.maxRows = maxRows;
        this.maxDelayNanos = maxDelayNanos;
        this.timer = timer;
        this.workers = workers;
        this.runBatch = runBatch;
    }

    /** Whether the request can wait for others: it has a batch key and room is left beside it. */
    boolean takes(PreparedRequest request) {
        return request.batchKey() != null && request.rows() < maxRows;
    }

    /** Adds a request {@link #takes} accepts; may run a batch that it fills on this thread. */
    void add(PreparedRequest request, Consumer<ScoringResponse> answer) {
        List<Waiting> overflowing = null;
        List<Waiting> full = null;
        boolean stopping = false;
        synchronized (this) {
            Object key = request.batchKey();
            Filling batch = filling.get(key);
            if (batch != null && batch.rows + request.rows() > maxRows) {
                overflowing = close(batch);
                batch = null;
            }
            if (batch == null) {
                batch = new Filling(key);
                Filling started = batch;
                try {
                    batch.deadline = timer.schedule(() -> timeUp(started), maxDelayNanos, TimeUnit.NANOSECONDS);
                    filling.put(key, batch);
                } catch (RejectedExecutionException e) { // the server is stopping
                    stopping = true;
                }
            }
            if (!stopping) {
                batch.waiting.add(new Waiting(request, answer));
                batch.rows += request.rows();
                if (batch.rows >= maxRows) {
                    full = close(batch);
                }
            }
        }
        if (overflowing != null) {
            runOnWorker(overflowing);
        }
        if (stopping) {
            answer.accept(ErrorResponses.shuttingDown().response());
        }
        if (full != null) {
            runBatch.accept(full);
        }
    }

    private void timeUp(Filling batch) {
        List<Waiting> due;
        synchronized (this) {
            if (filling.get(batch.key) != batch) {
                return; // it filled up and ran already
            }
            due = close(batch);
        }
        runOnWorker(due);
    }

    private void runOnWorker(List<Waiting> batch) {
        try {
            workers.execute(() -> runBatch.accept(batch));
        } catch (RejectedExecutionException e) { // shutting down: the requests still get an answer
            for (Waiting w : batch) {
                w.answer().accept(ErrorResponses.shuttingDown().response());
            }
        }
    }

    private List<Waiting> close(Filling batch) {
        filling.remove(batch.key);
        batch.deadline.cancel(false);
        return batch.waiting;
    }

    /** A batch still taking requests. */
    private static final class Filling {
        final Object key;
        final List<Waiting> waiting = new ArrayList<>();
        int rows;
        ScheduledFuture<?> deadline;

        Filling(Object key) {
            this.key = key;
        }
    }
}
