package io.renewd.application.certificates;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs {@link PurgeExpiredCertificates} every {@code renewd.purge.interval}; one replica at a time is enough but several are harmless. */
@ApplicationScoped
public class PurgeSchedule {

    private final PurgeExpiredCertificates purge;
    private final ProcessRoles roles;

    PurgeSchedule(PurgeExpiredCertificates purge, ProcessRoles roles) {
        this.purge = purge;
        this.roles = roles;
    }

    @Scheduled(every = "${renewd.purge.interval}", delayed = "${renewd.purge.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (roles.runs(Role.SCHEDULER)) {
            purge.execute();
        }
    }
}
