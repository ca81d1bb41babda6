package io.renewd.events;

import io.renewd.domain.audit.AuditRecord;
import io.renewd.events.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes the audit trail: the table (queried through the API) and the audit topic (through the outbox), together. */
@ApplicationScoped
public class AuditTrail {

    /** Each entry is tied to the vault as it is now (its incarnation), so a later vault of the same name does not see it. */
    private static final String INSERT = """
            insert into audit_entry (at, principal, vault, object, operation, outcome, status, request_id, details, vault_incarnation)
            select u.at::timestamptz, u.principal, u.vault, u.object, u.operation, u.outcome, u.status::integer, u.request_id, u.details,
                   (select incarnation from vault where name = u.vault)
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(at, principal, vault, object, operation, outcome, status, request_id, details)""";
    private static final List<Function<AuditRecord, Object>> COLUMNS = List.of(AuditRecord::at, AuditRecord::principal,
            AuditRecord::vault, AuditRecord::object, AuditRecord::operation, AuditRecord::outcome, AuditRecord::status,
            AuditRecord::requestId, AuditRecord::details);

    private final EntityManager entityManager;
    private final EventOutbox outbox;

    AuditTrail(EntityManager entityManager, EventOutbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Records in the caller's transaction, or in its own when there is none. */
    @Transactional
    public void record(AuditRecord record) {
        recordAll(List.of(record));
    }

    /** Several entries in the caller's transaction: one statement for the rows, one for their messages. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<AuditRecord> records) {
        insert(records);
        outbox.writeAudits(records);
    }

    /**
     * Records the sweep's firings in the caller's transaction: one row each in one statement, and
     * one message per vault on the audit topic listing them (a sweep fires thousands at once; one
     * message each would double what the relay publishes).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirings(List<AuditRecord> firings) {
        insert(firings);
        Map<String, List<AuditRecord>> byVault = new TreeMap<>();
        firings.forEach(f -> byVault.computeIfAbsent(f.vault(), v -> new ArrayList<>()).add(f));
        outbox.writeAudits(byVault.entrySet().stream().map(ofVault -> {
            AuditRecord first = ofVault.getValue().getFirst();
            return new AuditRecord(first.at(), first.principal(), ofVault.getKey(), null, first.operation() + "s", AuditRecord.SUCCEEDED,
                    null, null, ofVault.getValue().size() + " fired: " + ofVault.getValue().stream().map(f -> f.object() + " " + f.details())
                    .collect(Collectors.joining("; ")));
        }).toList());
    }

    /** All rows in one statement, each column bound as one text array. */
    private void insert(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < COLUMNS.size(); i++) {
                    insert.setArray(i + 1, column(connection, records, COLUMNS.get(i)));
                }
                insert.executeUpdate();
            }
        });
    }

    private static Array column(Connection connection, List<AuditRecord> records, Function<AuditRecord, Object> column)
            throws SQLException {
        return connection.createArrayOf("text", records.stream().map(column).map(v -> Objects.toString(v, null)).toArray(String[]::new));
    }
}
