package io.renewd.application.certificates;

import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Purges soft-deleted certificates whose retention has passed (purge protection or not). */
@ApplicationScoped
public class PurgeExpiredCertificates {

    private static final Logger LOG = Logger.getLogger(PurgeExpiredCertificates.class);

    private final Clock clock;

    PurgeExpiredCertificates(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public long execute() {
        long purged = CertificateEntity.delete("deletedAt is not null and scheduledPurgeAt <= ?1", clock.instant());
        if (purged > 0) {
            LOG.infof("purged %d soft-deleted certificate(s) past their retention", purged);
        }
        return purged;
    }
}
