package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * SQLAlchemy's SQLite URIs as MLflow takes them: {@code sqlite:///mlflow.db} (relative to the
 * working directory) and {@code sqlite:////home/user/mlflow.db} (absolute: four slashes).
 */
public final class SqliteUris {
    private static final String PREFIX = "sqlite:///";

    private SqliteUris() {}

    public static boolean isSqlite(String uri) {
        return uri != null && uri.strip().toLowerCase(Locale.ROOT).startsWith("sqlite:");
    }

    /** The database file a {@code sqlite:///} URI names. */
    public static Path toPath(String uri) {
        String text = uri.strip();
        if (!text.startsWith(PREFIX) || text.length() == PREFIX.length() || text.contains("?")) {
            throw MlflowException.invalidParameter("Unsupported SQLite tracking URI '" + uri + "'. Use sqlite:///<file>"
                    + " for a file relative to the working directory (sqlite:///mlflow.db) or sqlite:////<absolute path>;"
                    + " an in-memory database (sqlite://) or URI options are not supported.");
        }
        return Paths.get(text.substring(PREFIX.length())).toAbsolutePath().normalize();
    }

    /** {@code sqlite:///} and the file's absolute path, as MLflow reports its default URI. */
    public static String toUri(Path file) {
        String path = file.toAbsolutePath().normalize().toString().replace('\\', '/');
        return PREFIX + path;
    }
}
