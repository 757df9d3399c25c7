package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite file, reached through the sqlite-jdbc driver: every logical operation is one
 * transaction ({@code BEGIN IMMEDIATE ... COMMIT}, rolled back on any failure), with MLflow's own
 * connection settings ({@code foreign_keys = ON}, {@code busy_timeout = 20000},
 * {@code case_sensitive_like = true}, see {@code mlflow/store/db/utils.py}). Other processes
 * (MLflow's Python client, another JVM) may write the same file: a lock held longer than the busy
 * timeout is retried a few more times before giving up. Threads of this JVM share one connection
 * per file, one operation at a time, as SQLite admits one writer anyway.
 */
final class SqliteDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final Map<Path, SqliteDatabase> OPEN = new ConcurrentHashMap<>();
    /** As MLflow's engine: {@code PRAGMA busy_timeout = 20000}. */
    static final int BUSY_TIMEOUT_MS = 20_000;

    private static final int BUSY_RETRIES = 5;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Work<?> prepare;
    private Connection connection;
    private boolean prepared;
    private final WriterPacing pacing = new WriterPacing();

    private SqliteDatabase(Path file, Work<?> prepare) {
        this.file = file;
        this.prepare = prepare;
    }

    /**
     * The database at {@code file}, shared by every store of this JVM that uses it; created if
     * missing. {@code prepare} runs in a write transaction of its own before the first operation
     * on each new connection (the first store to open the file gives it).
     */
    static SqliteDatabase at(Path file, Work<?> prepare) {
        return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new SqliteDatabase(f, prepare));
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction; SQLITE_BUSY after the busy timeout is retried. */
    <T> T write(Work<T> work) {
        return run(work, true);
    }

    /** Runs {@code work} in one read transaction, so what it reads is consistent. */
    <T> T read(Work<T> work) {
        return run(work, false);
    }

    private synchronized <T> T run(Work<T> work, boolean write) {
        for (int attempt = 0; ; attempt++) {
            Connection c = connection();
            try {
                if (!prepared) {
                    transaction(c, prepare, true);
                    prepared = true;
                }
                T result = transaction(c, work, write);
                if (write) {
                    pacing.afterWrite(c);
                }
                return result;
            } catch (SQLException e) {
                if (isBusy(e) && attempt < BUSY_RETRIES) {
                    LOG.debug("{} is locked by another writer; retrying ({} of {})", file, attempt + 1, BUSY_RETRIES);
                    pause(attempt);
                    continue;
                }
                throw failure(e);
            }
        }
    }

    private static <T> T transaction(Connection c, Work<T> work, boolean write) throws SQLException {
        Sql.execute(c, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
        T result;
        try {
            result = work.run(c);
            Sql.execute(c, "COMMIT");
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        }
        return result;
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            Sql.execute(c, "ROLLBACK");
        } catch (SQLException rollbackFailed) {
            // "no transaction is active": SQLite already rolled it back (as it does on some errors)
            if (!String.valueOf(rollbackFailed.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(rollbackFailed);
            }
        }
    }

    private MlflowException failure(SQLException e) {
        if (isBusy(e)) {
            return new MlflowException(
                    MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The database " + file
                            + " stayed locked by another writer for more than "
                            + (BUSY_RETRIES + 1) * BUSY_TIMEOUT_MS / 1000
                            + " s. Nothing was written; try again when the other process is done.",
                    e);
        }
        return new MlflowException(
                MlflowException.ErrorCode.INTERNAL_ERROR,
                "The database " + file + " failed: " + e.getMessage() + ". Nothing was written.",
                e);
    }

    static boolean isBusy(SQLException e) {
        int code = e.getErrorCode()
                & 0xff; // extended codes (SQLITE_BUSY_SNAPSHOT, ...) keep the primary code in the low byte
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * (attempt + 1) + ThreadLocalRandom.current().nextInt(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR, "Interrupted while waiting for a database lock.", e);
        }
    }

    /**
     * sqlite-jdbc's driver, by name and not through DriverManager: under a launcher with class
     * loaders of its own (Maven's exec:java, an application server) DriverManager may have looked
     * for drivers before ours was on any class path it sees.
     */
    private static Driver driver() throws SQLException {
        try {
            return (Driver) Class.forName("org.sqlite.JDBC", true, SqliteDatabase.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("The SQLite driver (org.xerial:sqlite-jdbc) is not on the class path: " + e, e);
        }
    }

    /** The open connection; a new one if the file was removed or replaced since (so it is not written to the void). */
    private Connection connection() {
        try {
            if (connection != null && (connection.isClosed() || !Files.exists(file))) {
                connection.close();
                connection = null;
                prepared = false;
                pacing.reset();
            }
            if (connection == null) {
                Files.createDirectories(file.getParent());
                Properties settings = new Properties();
                settings.setProperty("foreign_keys", "true");
                settings.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
                settings.setProperty("case_sensitive_like", "true");
                connection = driver().connect("jdbc:sqlite:" + file, settings);
                connection.setAutoCommit(true); // transactions are begun explicitly, as BEGIN IMMEDIATE
            }
            return connection;
        } catch (SQLException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "Could not open the SQLite database " + file + ": " + e.getMessage()
                            + ". Check that the folder is writable.",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the folder of " + file + ": " + e.getMessage(), e);
        }
    }
}
