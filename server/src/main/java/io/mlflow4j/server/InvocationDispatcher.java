package io.mlflow4j.server;

import io.mlflow4j.runtime.server.Invocations;
import io.mlflow4j.runtime.server.ScoringResponse;
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
    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    InvocationDispatcher(Invocations invocations, ExecutorService workers, int workerCount, Duration timeout) {
        this.invocations = invocations;
        this.workers = workers;
        this.workerCount = workerCount;
        this.timeout = timeout;
    }

    /**
     * Predicts {@code body} on a worker and calls {@code reply} with the answer on {@code loop}.
     * {@code reply} returns the write, so the request counts as in flight until its answer is sent.
     */
    void dispatch(EventExecutor loop, String contentType, byte[] body, Function<Answer, ChannelFuture> reply) {
        if (draining) {
            reply.apply(ErrorAnswers.shuttingDown());
            return;
        }
        inFlight.incrementAndGet();
        Call call = new Call(reply);
        try {
            call.work = workers.submit(() -> {
                call.startedNanos = System.nanoTime();
                call.started = true;
                running.add(call);
                Answer answer;
                try {
                    answer = predict(contentType, body);
                } finally {
                    running.remove(call);
                }
                try {
                    loop.execute(() -> call.complete(answer));
                } catch (RejectedExecutionException e) {
                    inFlight.decrementAndGet(); // the event loop is gone: so is the connection
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            reply.apply(ErrorAnswers.shuttingDown());
            return;
        }
        call.timer = loop.schedule(call::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Answer predict(String contentType, byte[] body) {
        try {
            return Answer.of(invocations.invoke(contentType, body));
        } catch (Throwable e) { // Invocations answers every RuntimeException itself; this is an Error
            LOG.error("Prediction failed unexpectedly", e);
            return ErrorAnswers.internalError();
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
                + " the " + ErrorAnswers.span(timeout.toMillis()) + " timeout, the oldest for "
                + ErrorAnswers.span(oldestMillis(now)) + ": the model's"
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
        private final Function<Answer, ChannelFuture> reply;
        private Future<?> work;
        private ScheduledFuture<?> timer;
        private boolean answered;
        private volatile long startedNanos;
        private volatile boolean started;

        Call(Function<Answer, ChannelFuture> reply) {
            this.reply = reply;
        }

        void complete(Answer answer) {
            if (!answered) {
                answered = true;
                timer.cancel(false);
                send(answer);
            }
        }

        void timeOut() {
            if (!answered) {
                answered = true;
                work.cancel(true);
                if (started) {
                    LOG.warn("A request took longer than the {} s limit and was answered with 504.", timeout.toSeconds());
                    send(ErrorAnswers.timedOut(timeout.toMillis()));
                } else {
                    long oldest = oldestMillis(System.nanoTime());
                    LOG.warn("A request waited {} ms for a worker and was answered with 504: all {} workers are busy in"
                            + " predict, the oldest for {} ms.", timeout.toMillis(), workerCount, oldest);
                    send(ErrorAnswers.workersBusy(timeout.toMillis(), workerCount, oldest));
                }
            }
        }

        private void send(Answer answer) {
            try {
                reply.apply(answer).addListener(written -> inFlight.decrementAndGet());
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
        }
    }
}
