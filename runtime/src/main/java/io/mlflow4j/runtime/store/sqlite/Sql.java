package io.mlflow4j.runtime.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain JDBC in one line per statement: bound arguments, rows as column-name maps. */
final class Sql {
    private Sql() {}

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    /** Every row, each as column name to value (in the table's column order). */
    static List<Map<String, Object>> rows(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args);
                ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static Optional<Map<String, Object>> row(Connection c, String sql, Object... args) throws SQLException {
        List<Map<String, Object>> rows = rows(c, sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    static Object value(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args);
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getObject(1) : null;
        }
    }

    /** A statement to run many times with {@link PreparedStatement#addBatch()}. */
    static PreparedStatement batch(Connection c, String sql) throws SQLException {
        return c.prepareStatement(sql);
    }

    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, args);
        } catch (SQLException e) {
            s.close();
            throw e;
        }
        return s;
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }

    static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
