package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Leaves other processes room to write. SQLite's lock is not fair: a process waiting for it (such
 * as MLflow's Python client, whose busy handler sleeps up to 100 ms between tries) retries only
 * now and then, so a JVM committing transactions back to back could hold the lock at every try
 * until the other side gives up after its busy timeout ("database is locked"). So, after a write:
 * while another connection has committed in the last two seconds ({@code PRAGMA data_version}
 * changed), a pause of a few milliseconds after every transaction; otherwise a 10 ms pause after
 * each 200 ms of writing back to back, so a process that has not managed to write yet gets in
 * too (about 5 % of a lone writer's time). Called with the database's monitor held, so the
 * JVM's other threads wait through the pause as well.
 */
final class WriterPacing {
    private static final long OTHERS_ACTIVE_NANOS = 2_000_000_000L;
    private static final long BURST_NANOS = 200_000_000L;
    private static final long BURST_GAP_NANOS = 5_000_000L;

    private long dataVersion = -1;
    private long othersWroteAt = Long.MIN_VALUE / 2;
    private long burstStart;
    private long lastWriteEnd = Long.MIN_VALUE / 2;

    void afterWrite(Connection c) throws SQLException {
        long version = ((Number) Sql.value(c, "PRAGMA data_version")).longValue();
        long now = System.nanoTime();
        if (dataVersion != -1 && version != dataVersion) {
            othersWroteAt = now;
        }
        dataVersion = version;
        if (now - lastWriteEnd > BURST_GAP_NANOS) {
            burstStart = now;
        }
        lastWriteEnd = now;
        if (now - othersWroteAt < OTHERS_ACTIVE_NANOS) {
            sleepMillis(2 + ThreadLocalRandom.current().nextInt(6));
        } else if (now - burstStart > BURST_NANOS) {
            sleepMillis(10);
        } else {
            return;
        }
        burstStart = System.nanoTime();
        lastWriteEnd = burstStart;
    }

    void reset() {
        dataVersion = -1;
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR, "Interrupted while pausing between writes.", e);
        }
    }
}
