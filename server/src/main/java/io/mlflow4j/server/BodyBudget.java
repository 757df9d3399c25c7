package io.mlflow4j.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes the server holds at once, over all connections: bodies being read,
 * waiting for a worker and being predicted. Parsing a body takes several times its size in heap,
 * so without a bound a few large requests at once exhaust it. A request that would go over the
 * budget is refused, unless nothing else is held: a request under the size limit is always served
 * when it comes alone.
 */
final class BodyBudget {
    private final long max;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when they do not fit. */
    boolean take(long bytes) {
        while (true) {
            long now = held.get();
            if (now > 0 && now + bytes > max) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    long max() {
        return max;
    }
}
