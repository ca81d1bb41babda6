package io.renewd.testing;

import javax.sql.DataSource;
import java.sql.SQLException;

/** The number a {@code select count(*)} answers, for tests that check what was (not) stored. */
public final class SqlCount {

    private SqlCount() {
    }

    public static long of(DataSource dataSource, String sql, String... parameters) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
