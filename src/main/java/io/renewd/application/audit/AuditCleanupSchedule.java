package io.renewd.application.audit;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs {@link PurgeAuditTrail} every {@code renewd.audit.cleanup-interval} until nothing is past the retention. */
@ApplicationScoped
public class AuditCleanupSchedule {

    private static final Logger LOG = Logger.getLogger(AuditCleanupSchedule.class);

    private final PurgeAuditTrail purge;
    private final ProcessRoles roles;

    AuditCleanupSchedule(PurgeAuditTrail purge, ProcessRoles roles) {
        this.purge = purge;
        this.roles = roles;
    }

    @Scheduled(every = "${renewd.audit.cleanup-interval:1h}", delayed = "${renewd.audit.cleanup-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!roles.runs(Role.SCHEDULER)) {
            return;
        }
        long deleted = 0;
        int batch;
        do {
            batch = purge.deleteBatch();
            deleted += batch;
        } while (batch == PurgeAuditTrail.BATCH);
        if (deleted > 0) {
            LOG.infof("deleted %d audit entries past their retention (renewd.audit.retention)", deleted);
        }
    }
}
