package io.renewd.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The relay's statements on the outbox, by JDBC on the transaction's connection: a batch read in outbox order and marked
 * published with one statement each. Hibernate translated its {@code in} list again for every new batch length.
 */
public final class OutboxRows {

    private static final String UNPUBLISHED = """
            select id, aggregatetype, aggregateid, type, timestamp, payload::text from outbox
            where published_at is null order by seq limit ?""";

    private static final String PUBLISHED = "update outbox set published_at = ? where id = any(?)";

    private OutboxRows() {
    }

    /** Up to {@code limit} unpublished rows, oldest first. */
    public static List<OutboxRow> unpublished(int limit) {
        return JdbcValues.session().doReturningWork(connection -> {
            List<OutboxRow> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(UNPUBLISHED)) {
                select.setInt(1, limit);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new OutboxRow(result.getObject(1, UUID.class), result.getString(2), result.getString(3), result.getString(4),
                                JdbcValues.instant(result, "timestamp"), result.getString(6)));
                    }
                }
            }
            return rows;
        });
    }

    /** Marks these rows published at this time. */
    public static void markPublished(List<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        JdbcValues.session().doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(PUBLISHED)) {
                update.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setArray(2, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
                update.executeUpdate();
            }
        });
    }
}
