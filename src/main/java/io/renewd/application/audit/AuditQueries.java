package io.renewd.application.audit;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A vault's audit trail over a time range, oldest first: the entries of this vault, not of an
 * earlier, deleted vault of the same name, nor of calls made while no vault had the name.
 */
@ApplicationScoped
public class AuditQueries {

    public static final int MAX_RESULTS = 1000;

    private final EntityManager entityManager;
    private final VaultQueries vaults;

    AuditQueries(EntityManager entityManager, VaultQueries vaults) {
        this.entityManager = entityManager;
        this.vaults = vaults;
    }

    /** Where a page ends: the next page starts after this entry. */
    public record Cursor(Instant at, long id) {
    }

    /** Entries in order, and where the next page starts when there are more. */
    public record Page(List<AuditRecord> entries, Optional<Cursor> next) {
    }

    /** The first page of a vault's entries from {@code from} (inclusive) to {@code to} (exclusive). */
    @Transactional
    public Page between(String vault, Instant from, Instant to, int maxResults) {
        if (!from.isBefore(to)) {
            throw Failure.badParameter("from (" + from + ") must be before to (" + to + ")");
        }
        return after(vault, new Cursor(from, -1), to, maxResults);
    }

    /** The page of a vault's entries after {@code cursor}, up to {@code to} (exclusive). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page after(String vault, Cursor cursor, Instant to, int maxResults) {
        vaults.get(vault);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw Failure.badParameter("maxresults must be 1 to " + MAX_RESULTS);
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select at, principal, vault, object, operation, outcome, status, request_id, details, id from audit_entry
                        where vault = ?1 and vault_incarnation = (select incarnation from vault where name = ?1)
                          and (at, id) > (?2, ?3) and at < ?4 order by at, id limit ?5""")
                .setParameter(1, vault).setParameter(2, cursor.at()).setParameter(3, cursor.id()).setParameter(4, to)
                .setParameter(5, maxResults + 1).getResultList();
        List<AuditRecord> entries = rows.stream().limit(maxResults).map(r -> new AuditRecord(Timestamps.instant(r[0]), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7], (String) r[8])).toList();
        Optional<Cursor> next = rows.size() > maxResults
                ? Optional.of(new Cursor(Timestamps.instant(rows.get(maxResults - 1)[0]), ((Number) rows.get(maxResults - 1)[9]).longValue()))
                : Optional.empty();
        return new Page(entries, next);
    }
}
