package io.renewd.application.renewal;

import io.renewd.config.RenewerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Leases the pending operations whose next attempt is due, so that exactly one renewer works
 * on each: rows are locked with SKIP LOCKED while the lease is written, and a lease that ran
 * out (its renewer crashed) can be taken over.
 */
@ApplicationScoped
public class ClaimOperations {

    /** One leased operation: only the holder of {@code owner} may record its outcome. */
    public record Claim(long certificateId, String requestId, UUID owner) {
    }

    private final EntityManager entityManager;
    private final RenewerConfig config;
    private final Clock clock;

    ClaimOperations(EntityManager entityManager, RenewerConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Claim> execute() {
        Instant now = clock.instant();
        List<Object[]> due = entityManager.createNativeQuery("""
                        select o.certificate_id, o.request_id from certificate_operation o
                        where o.status = 'inProgress' and o.next_attempt_at <= ?1 and (o.lease_until is null or o.lease_until < ?1)
                        order by o.next_attempt_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, config.batchSize()).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        UUID owner = UUID.randomUUID();
        List<Long> ids = due.stream().map(row -> ((Number) row[0]).longValue()).toList();
        entityManager.createNativeQuery("update certificate_operation set lease_owner = ?1, lease_until = ?2 where certificate_id in (?3)")
                .setParameter(1, owner).setParameter(2, now.plus(config.lease())).setParameter(3, ids).executeUpdate();
        return due.stream().map(row -> new Claim(((Number) row[0]).longValue(), (String) row[1], owner)).toList();
    }
}
