package io.mlflow4j.server;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** A deadline for part of a request: when it passes before being cancelled, the connection is closed. */
final class ClosingTimer {
    private final long timeoutNanos;
    private final Logger log;
    private final String what;
    private ScheduledFuture<?> timer;

    /** @param what what did not arrive in time, for the log ("A request body") */
    ClosingTimer(long timeoutNanos, Logger log, String what) {
        this.timeoutNanos = timeoutNanos;
        this.log = log;
        this.what = what;
    }

    /** Starts the deadline on this connection, unless it runs already. */
    void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                log.debug(
                                        "{} did not arrive within {} ms; dropping the connection.",
                                        what,
                                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                                ctx.close();
                            },
                            timeoutNanos,
                            TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
