package io.renewd.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * A schedule's due actions written by JDBC on the transaction's connection, two statements for any number of certificates
 * (array parameters bound without Hibernate's per-value work): what the caller changed through Hibernate must be flushed first.
 */
public final class DueActionRows {

    private static final String CANCEL =
            "update due_action set state = 'cancelled', settled_at = now() where certificate_id = any(?) and state = 'pending'";
    private static final String INSERT = """
            insert into due_action (certificate_id, version_id, kind, trigger, due_at, state)
            select u.certificate_id, u.version_id, u.kind, u.trigger, u.due_at::timestamptz, 'pending'
            from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) as u(certificate_id, version_id, kind, trigger, due_at)
            on conflict (version_id, kind, trigger) do update
              set due_at = excluded.due_at, state = 'pending', settled_at = null
              where due_action.state in ('pending', 'cancelled')""";

    /** One pending action of a version. */
    public record Pending(long certificateId, long versionId, String kind, String trigger, Instant dueAt) {
    }

    private static final List<JdbcValues.Column<Pending>> COLUMNS = List.of(
            new JdbcValues.Column<>("int8", Pending::certificateId), new JdbcValues.Column<>("int8", Pending::versionId),
            new JdbcValues.Column<>("text", Pending::kind), new JdbcValues.Column<>("text", Pending::trigger),
            new JdbcValues.Column<>("text", p -> p.dueAt().toString()));

    private DueActionRows() {
    }

    /** Cancels the pending actions of these certificates, then stores {@code pending} (a fired action is never made pending again). */
    public static void replacePending(List<Long> certificateIds, List<Pending> pending) {
        JdbcValues.session().doWork(connection -> {
            try (PreparedStatement cancel = connection.prepareStatement(CANCEL)) {
                cancel.setArray(1, connection.createArrayOf("int8", certificateIds.toArray(Long[]::new)));
                cancel.executeUpdate();
            }
            if (pending.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < COLUMNS.size(); i++) {
                    insert.setArray(i + 1, JdbcValues.array(connection, pending, COLUMNS.get(i)));
                }
                insert.executeUpdate();
            }
        });
    }
}
