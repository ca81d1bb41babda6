package io.renewd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the store's JDBC statements share: columns bound as one array each, and values converted as Hibernate would. */
final class JdbcValues {

    /** A column of rows of type {@code T} bound as one PostgreSQL array of {@code type} (int8, int4, bool, bytea, text). */
    record Column<T>(String type, Function<T, Object> value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private JdbcValues() {
    }

    /** What a statement of the store reads into a map keyed by id, one row at a time. */
    interface RowReader<V> {
        void read(ResultSet rows, Map<Long, V> into) throws SQLException;
    }

    /** The Hibernate session of the caller's transaction: the store's JDBC statements run on its connection, in that transaction. */
    static Session session() {
        return Panache.getEntityManager().unwrap(Session.class);
    }

    /** One statement whose one parameter is these ids as an array; the rows in the statement's order. */
    static <V> Map<Long, V> byIds(String sql, Collection<Long> ids, RowReader<V> reader) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return session().doReturningWork(connection -> {
            Map<Long, V> result = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setArray(1, connection.createArrayOf("int8", ids.toArray(Long[]::new)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows, result);
                    }
                }
            }
            return result;
        });
    }

    static <T> Array array(Connection connection, List<T> rows, Column<T> column) throws SQLException {
        Object[] values = switch (column.type()) {
            case "int8" -> new Long[rows.size()];
            case "int4" -> new Integer[rows.size()];
            case "bytea" -> new byte[rows.size()][];
            case "bool" -> new Boolean[rows.size()];
            default -> new String[rows.size()];
        };
        for (int i = 0; i < values.length; i++) {
            values[i] = column.value().apply(rows.get(i));
        }
        return connection.createArrayOf(column.type(), values);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Map<String, String> stringMap(String json) {
        return json == null ? null : read(json, STRING_MAP);
    }

    static List<String> stringList(String json) {
        return json == null ? null : read(json, STRING_LIST);
    }

    static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value could not be written as JSON", e);
        }
    }

    private static <V> V read(String json, TypeReference<V> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON value could not be read", e);
        }
    }
}
