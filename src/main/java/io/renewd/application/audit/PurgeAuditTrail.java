package io.renewd.application.audit;

import io.renewd.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Deletes audit entries past {@code renewd.audit.retention}, a bounded batch per transaction. */
@ApplicationScoped
public class PurgeAuditTrail {

    /** Entries deleted per transaction: a long backlog never holds one huge transaction. */
    public static final int BATCH = 10_000;

    private final AuditConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    PurgeAuditTrail(AuditConfig config, EntityManager entityManager, Clock clock) {
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Deletes up to {@link #BATCH} entries past the retention; returns how many. */
    @Transactional
    public int deleteBatch() {
        return entityManager.createNativeQuery("""
                        delete from audit_entry where id in (
                            select id from audit_entry where at < ?1 order by at limit ?2)""")
                .setParameter(1, clock.instant().minus(config.retention()))
                .setParameter(2, BATCH)
                .executeUpdate();
    }
}
