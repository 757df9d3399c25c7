package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.Predictions;
import io.mlflow4j.runtime.scoring.PreparedRequest;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.mlflow4j.server.ServerMetrics.Protocol;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code /invocations} on the worker pool, never on an event loop, so a slow model cannot stall
 * other connections; answers 504 when the prediction (queueing included) outlasts the timeout; knows
 * which predictions are running and since when, so that a 504 can say the workers are all busy and
 * {@code /health} can report workers stuck in predictions that ignore interruption; and counts the
 * requests in flight for a graceful shutdown. The answer is handed back to the
 * connection's event loop, where all of a connection's state lives.
 */
final class InvocationDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationDispatcher.class);

    private final Predictions predictions;
    private final Batcher batcher;
    private final ServerMetrics metrics;
    private final ExecutorService workers;
    private final int workerCount;
    private final Duration timeout;
    private final AtomicLong inFlight = new AtomicLong();
    private final BodyBudget budget;
    /** When each prediction now running started, for /health and the 504s' messages. */
    private final Set<Busy> running = ConcurrentHashMap.newKeySet();

    private volatile boolean draining;

    /**
     * @param batching how to batch requests, or {@code null} to predict each alone
     * @param metrics where to count requests and predictions, or {@code null}
     */
    InvocationDispatcher(
            Predictions predictions,
            ExecutorService workers,
            int workerCount,
            Duration timeout,
            BodyBudget budget,
            Batching batching,
            ServerMetrics metrics) {
        this.predictions = predictions;
        this.metrics = metrics;
        this.batcher = batching == null
                ? null
                : new Batcher(
                        batching.maxRows(), batching.maxDelay().toNanos(), batching.timer(), workers, this::runBatch);
        this.budget = budget;
        this.workers = workers;
        this.workerCount = workerCount;
        this.timeout = timeout;
    }

    /**
     * Predicts {@code body} on a worker and calls {@code reply} with the answer on {@code loop}.
     * {@code reply} returns the write, so the request counts as in flight until its answer is sent.
     * The call holds {@code bodyBytes} of the body budget until the prediction ends, or until it
     * times out still waiting for a worker, when the body is dropped.
     */
    void dispatch(
            EventExecutor loop,
            Protocol protocol,
            Function<byte[], PreparedRequest> prepare,
            byte[] body,
            long bodyBytes,
            Function<ServerResponse, ChannelFuture> reply) {
        if (draining) {
            budget.giveBack(bodyBytes);
            reply.apply(ErrorResponses.shuttingDown());
            return;
        }
        inFlight.incrementAndGet();
        Call call = new Call(reply, body, bodyBytes, protocol);
        if (metrics != null) {
            metrics.started();
        }
        try {
            call.work = workers.submit(() -> {
                if (!call.claimed.compareAndSet(false, true)) {
                    return; // timed out in the queue: answered already, body dropped
                }
                Busy busy = new Busy();
                running.add(busy);
                ServerResponse answer = null;
                PreparedRequest batched = null;
                try {
                    PreparedRequest request = prepare(prepare, call.takeBody());
                    if (batcher != null && request != null && batcher.takes(request)) {
                        request = predictions.checked(request);
                        batched = batcher.takes(request) ? request : null;
                    }
                    if (batched == null) {
                        answer = predictAlone(request);
                    }
                } finally {
                    running.remove(busy);
                    if (batched == null) {
                        budget.giveBack(bodyBytes);
                    }
                }
                if (batched == null) {
                    deliver(loop, call, answer);
                } else { // the body's share of the budget is held until the batch has answered
                    batcher.add(batched, response -> {
                        budget.giveBack(bodyBytes);
                        deliver(loop, call, ServerResponse.of(response));
                    });
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            budget.giveBack(bodyBytes);
            if (metrics != null) {
                metrics.answered(protocol, 503, call.arrivedNanos);
            }
            reply.apply(ErrorResponses.shuttingDown());
            return;
        }
        call.timer = loop.schedule(call::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static PreparedRequest prepare(Function<byte[], PreparedRequest> prepare, byte[] body) {
        try {
            return prepare.apply(body);
        } catch (Throwable e) { // every protocol answers bad input itself; this is an Error
            FatalErrors.exitIfOutOfMemory(e);
            LOG.error("Reading a request failed unexpectedly", e);
            return null;
        }
    }

    /** Predicts one request on this worker, which the caller has marked busy. */
    private ServerResponse predictAlone(PreparedRequest request) {
        if (request == null) {
            return ErrorResponses.internalError();
        }
        if (request.refusal() != null) {
            return ServerResponse.of(request.refusal());
        }
        long start = System.nanoTime();
        try {
            ScoringResponse answer = predictions.answer(request);
            if (metrics != null && answer.isSuccess()) { // refusals by the model's enforcement are not predictions
                metrics.predicted(1, request.rows(), start);
            }
            return ServerResponse.of(answer);
        } catch (Throwable e) { // Predictions answers every RuntimeException itself; this is an Error
            FatalErrors.exitIfOutOfMemory(e);
            LOG.error("Prediction failed unexpectedly", e);
            return ErrorResponses.internalError();
        }
    }

    /** Predicts a batch the {@link Batcher} closed, on this worker, and hands each request its answer. */
    private void runBatch(List<Batcher.Waiting> batch) {
        List<PreparedRequest> requests = new ArrayList<>(batch.size());
        int rows = 0;
        for (Batcher.Waiting w : batch) {
            requests.add(w.request());
            rows += w.request().rows();
        }
        Busy busy = new Busy();
        running.add(busy);
        List<ScoringResponse> answers;
        try {
            answers = predictions.answerAll(requests);
            if (metrics != null) {
                metrics.predicted(batch.size(), rows, busy.startedNanos);
            }
        } catch (Throwable e) {
            FatalErrors.exitIfOutOfMemory(e);
            LOG.error("A batched prediction failed unexpectedly", e);
            answers = Collections.nCopies(
                    batch.size(), ErrorResponses.internalError().response());
        } finally {
            running.remove(busy);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().accept(answers.get(i));
        }
    }

    private void deliver(EventExecutor loop, Call call, ServerResponse answer) {
        try {
            loop.execute(() -> call.complete(answer));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet(); // the event loop is gone: so is the connection
            if (metrics != null) {
                metrics.answered(call.protocol, 499, call.arrivedNanos);
            }
        }
    }

    /**
     * Why the server cannot predict any more, or {@code null} when it can: every worker has been in
     * a prediction for longer than the timeout, that is a prediction that was answered with a 504
     * and interrupted, and ignored the interruption.
     */
    String stuck() {
        long now = System.nanoTime();
        int stuck = 0;
        for (Busy busy : running) {
            if (now - busy.startedNanos > timeout.toNanos()) {
                stuck++;
            }
        }
        return stuck < workerCount
                ? null
                : "All " + workerCount + " workers have been busy in predict for longer than"
                        + " the " + ErrorResponses.span(timeout.toMillis()) + " timeout, the oldest for "
                        + ErrorResponses.span(oldestMillis(now)) + ": the model's"
                        + " predict ignores interruption, and no other prediction can run. Restart the server.";
    }

    private long oldestMillis(long now) {
        long oldest = 0;
        for (Busy busy : running) {
            oldest = Math.max(oldest, now - busy.startedNanos);
        }
        return TimeUnit.NANOSECONDS.toMillis(oldest);
    }

    boolean draining() {
        return draining;
    }

    /** From now on new invocations get a 503; those in flight carry on. */
    void drain() {
        draining = true;
    }

    long inFlight() {
        return inFlight.get();
    }

    /** A worker busy reading or predicting since {@code startedNanos}. */
    private static final class Busy {
        final long startedNanos = System.nanoTime();
    }

    /** One invocation: the first of its prediction and its timeout answers; touched on its event loop only. */
    private final class Call {
        private final Function<ServerResponse, ChannelFuture> reply;
        private final Protocol protocol;
        private final long arrivedNanos = System.nanoTime();
        private Future<?> work;
        private ScheduledFuture<?> timer;
        private boolean answered;
        private volatile byte[] body;
        private final long bodyBytes;
        /** Set by the worker that starts the prediction, or by the timeout that answers it before one does. */
        private final AtomicBoolean claimed = new AtomicBoolean();

        Call(Function<ServerResponse, ChannelFuture> reply, byte[] body, long bodyBytes, Protocol protocol) {
            this.reply = reply;
            this.protocol = protocol;
            this.body = body;
            this.bodyBytes = bodyBytes;
        }

        byte[] takeBody() {
            byte[] taken = body;
            body = null;
            return taken;
        }

        void complete(ServerResponse answer) {
            if (!answered) {
                answered = true;
                timer.cancel(false);
                send(answer);
            }
        }

        void timeOut() {
            if (!answered) {
                answered = true;
                boolean waiting = claimed.compareAndSet(false, true);
                work.cancel(true);
                if (!waiting) {
                    LOG.warn(
                            "A request took longer than the {} s limit and was answered with 504.",
                            timeout.toSeconds());
                    send(ErrorResponses.timedOut(timeout.toMillis()));
                } else {
                    body = null; // the queue may keep the task a while; the body goes now
                    budget.giveBack(bodyBytes);
                    long oldest = oldestMillis(System.nanoTime());
                    LOG.warn(
                            "A request waited {} ms for a worker and was answered with 504: all {} workers are busy in"
                                    + " predict, the oldest for {} ms.",
                            timeout.toMillis(),
                            workerCount,
                            oldest);
                    send(ErrorResponses.workersBusy(timeout.toMillis(), workerCount, oldest));
                }
            }
        }

        private void send(ServerResponse answer) {
            if (metrics != null) {
                metrics.answered(protocol, answer.response().status(), arrivedNanos);
            }
            try {
                reply.apply(answer).addListener(written -> inFlight.decrementAndGet());
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
        }
    }

    /** Batching settings: rows per batch, the longest wait, and the timer that enforces it. */
    record Batching(int maxRows, Duration maxDelay, ScheduledExecutorService timer) {}
}
