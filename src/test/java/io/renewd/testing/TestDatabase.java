package io.renewd.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' PostgreSQL through connections of their own, for integration tests that look at what
 * a packaged renewd stored (or hold its tables locked) from outside it.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A new connection to the database renewd uses; the caller closes it. */
    public static Connection connection() throws SQLException {
        var config = RealServices.get().quarkusConfig();
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"));
    }

    /** The number the {@code select count(*)} query answers. */
    public static long count(String query, String... parameters) throws SQLException {
        try (var connection = connection(); var prepared = prepare(connection, query, parameters); var rows = prepared.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A query's rows of (text, number), such as a {@code group by}, as a map. */
    public static Map<String, Long> counts(String query, String... parameters) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (var connection = connection(); var prepared = prepare(connection, query, parameters); var rows = prepared.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** The first column of every row a query answers. */
    public static List<String> strings(String query, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var connection = connection(); var prepared = prepare(connection, query, parameters); var rows = prepared.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Runs an insert, update or delete; returns the rows it changed. */
    public static int execute(String statement, String... parameters) throws SQLException {
        try (var connection = connection(); var prepared = prepare(connection, statement, parameters)) {
            return prepared.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            prepared.setString(i + 1, parameters[i]);
        }
        return prepared;
    }
}
