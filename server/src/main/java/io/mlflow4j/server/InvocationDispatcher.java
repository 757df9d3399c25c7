package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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

    private final Invocations invocations;
    private final ExecutorService workers;
    private final int workerCount;
    private final Duration timeout;
    private final AtomicLong inFlight = new AtomicLong();
    private final BodyBudget budget;
    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    InvocationDispatcher(Invocations invocations, ExecutorService workers, int workerCount, Duration timeout,
                         BodyBudget budget) {
        this.invocations = invocations;
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
    void dispatch(EventExecutor loop, String contentType, byte[] body, long bodyBytes,
                  Function<ServerResponse, ChannelFuture> reply) {
        if (draining) {
            budget.giveBack(bodyBytes);
            reply.apply(ErrorResponses.shuttingDown());
            return;
        }
        inFlight.incrementAndGet();
        Call call = new Call(reply, body, bodyBytes);
        try {
            call.work = workers.submit(() -> {
                if (!call.claimed.compareAndSet(false, true)) {
                    return; // timed out in the queue: answered already, body dropped
                }
                call.startedNanos = System.nanoTime();
                running.add(call);
                ServerResponse answer;
                try {
                    answer = predict(contentType, call.takeBody());
                } finally {
                    running.remove(call);
                    budget.giveBack(bodyBytes);
                }
                try {
                    loop.execute(() -> call.complete(answer));
                } catch (RejectedExecutionException e) {
                    inFlight.decrementAndGet(); // the event loop is gone: so is the connection
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            budget.giveBack(bodyBytes);
            reply.apply(ErrorResponses.shuttingDown());
            return;
        }
        call.timer = loop.schedule(call::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private ServerResponse predict(String contentType, byte[] body) {
        try {
            return ServerResponse.of(invocations.invoke(contentType, body));
        } catch (Throwable e) { // Invocations answers every RuntimeException itself; this is an Error
            FatalErrors.exitIfOutOfMemory(e);
            LOG.error("Prediction failed unexpectedly", e);
            return ErrorResponses.internalError();
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
        for (Call call : running) {
            if (now - call.startedNanos > timeout.toNanos()) {
                stuck++;
            }
        }
        return stuck < workerCount ? null : "All " + workerCount + " workers have been busy in predict for longer than"
                + " the " + ErrorResponses.span(timeout.toMillis()) + " timeout, the oldest for "
                + ErrorResponses.span(oldestMillis(now)) + ": the model's"
                + " predict ignores interruption, and no other prediction can run. Restart the server.";
    }

    private long oldestMillis(long now) {
        long oldest = 0;
        for (Call call : running) {
            oldest = Math.max(oldest, now - call.startedNanos);
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

    /** One invocation: the first of its prediction and its timeout answers; touched on its event loop only. */
    private final class Call {
        private final Function<ServerResponse, ChannelFuture> reply;
        private Future<?> work;
        private ScheduledFuture<?> timer;
        private boolean answered;
        private volatile long startedNanos;
        private volatile byte[] body;
        private final long bodyBytes;
        /** Set by the worker that starts the prediction, or by the timeout that answers it before one does. */
        private final AtomicBoolean claimed = new AtomicBoolean();

        Call(Function<ServerResponse, ChannelFuture> reply, byte[] body, long bodyBytes) {
            this.reply = reply;
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
                    LOG.warn("A request took longer than the {} s limit and was answered with 504.", timeout.toSeconds());
                    send(ErrorResponses.timedOut(timeout.toMillis()));
                } else {
                    body = null; // the queue may keep the task a while; the body goes now
                    budget.giveBack(bodyBytes);
                    long oldest = oldestMillis(System.nanoTime());
                    LOG.warn("A request waited {} ms for a worker and was answered with 504: all {} workers are busy in"
                            + " predict, the oldest for {} ms.", timeout.toMillis(), workerCount, oldest);
                    send(ErrorResponses.workersBusy(timeout.toMillis(), workerCount, oldest));
                }
            }
        }

        private void send(ServerResponse answer) {
            try {
                reply.apply(answer).addListener(written -> inFlight.decrementAndGet());
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
        }
    }
}
