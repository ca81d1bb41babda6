package io.renewd.application.audit;

import io.renewd.domain.audit.AuditRecord;
import io.renewd.events.EventOutbox;
import io.renewd.store.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes the audit trail: the table (queried through the API) and the audit topic (through the outbox), together. */
@ApplicationScoped
public class AuditTrail {

    private final EntityManager entityManager;
    private final EventOutbox outbox;

    AuditTrail(EntityManager entityManager, EventOutbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Records in the caller's transaction, or in its own when there is none. */
    @Transactional
    public void record(AuditRecord record) {
        insert(List.of(record));
        outbox.writeAudit(record);
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
        byVault.forEach((vault, ofVault) -> {
            AuditRecord first = ofVault.getFirst();
            outbox.writeAudit(new AuditRecord(first.at(), first.principal(), vault, null, first.operation() + "s", AuditRecord.SUCCEEDED,
                    null, null, ofVault.size() + " fired: " + ofVault.stream().map(f -> f.object() + " " + f.details())
                    .collect(Collectors.joining("; "))));
        });
    }

    private void insert(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        int n = records.size();
        Instant[] at = new Instant[n];
        String[][] text = new String[7][n];
        Integer[] status = new Integer[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            at[i] = r.at();
            text[0][i] = r.principal();
            text[1][i] = r.vault();
            text[2][i] = r.object();
            text[3][i] = r.operation();
            text[4][i] = r.outcome();
            text[5][i] = r.requestId();
            text[6][i] = r.details();
            status[i] = r.status();
        }
        entityManager.createNativeQuery("""
                        insert into audit_entry (at, principal, vault, object, operation, outcome, status, request_id, details)
                        select cast(u.at as timestamptz), u.principal, u.vault, u.object, u.operation, u.outcome, cast(u.status as integer), u.request_id, u.details
                        from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]),
                                    cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]), cast(?9 as text[]))
                             as u(at, principal, vault, object, operation, outcome, status, request_id, details)""")
                .setParameter(1, PgArrays.literal(Arrays.stream(at).map(Instant::toString).toList()))
                .setParameter(2, PgArrays.literal(Arrays.asList(text[0]))).setParameter(3, PgArrays.literal(Arrays.asList(text[1]))).setParameter(4, PgArrays.literal(Arrays.asList(text[2])))
                .setParameter(5, PgArrays.literal(Arrays.asList(text[3]))).setParameter(6, PgArrays.literal(Arrays.asList(text[4])))
                .setParameter(7, PgArrays.literal(Arrays.stream(status).map(s -> s == null ? null : s.toString()).toList()))
                .setParameter(8, PgArrays.literal(Arrays.asList(text[5]))).setParameter(9, PgArrays.literal(Arrays.asList(text[6])))
                .executeUpdate();
    }
}
