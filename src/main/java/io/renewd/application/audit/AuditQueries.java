package io.renewd.application.audit;

import io.renewd.application.Failure;
import io.renewd.application.schedule.Timestamps;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.audit.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** A vault's audit trail over a time range, oldest first. */
@ApplicationScoped
public class AuditQueries {

    public static final int MAX_RESULTS = 1000;

    private final EntityManager entityManager;
    private final VaultQueries vaults;

    AuditQueries(EntityManager entityManager, VaultQueries vaults) {
        this.entityManager = entityManager;
        this.vaults = vaults;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<AuditRecord> between(String vault, Instant from, Instant to, int maxResults) {
        vaults.get(vault);
        if (!from.isBefore(to)) {
            throw Failure.badParameter("from (" + from + ") must be before to (" + to + ")");
        }
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw Failure.badParameter("maxresults must be 1 to " + MAX_RESULTS);
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select at, principal, vault, object, operation, outcome, status, request_id, details from audit_entry
                        where vault = ?1 and at >= ?2 and at < ?3 order by at, id limit ?4""")
                .setParameter(1, vault).setParameter(2, from).setParameter(3, to).setParameter(4, maxResults).getResultList();
        return rows.stream().map(r -> new AuditRecord(Timestamps.instant(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], r[6] == null ? null : ((Number) r[6]).intValue(), (String) r[7], (String) r[8])).toList();
    }
}
