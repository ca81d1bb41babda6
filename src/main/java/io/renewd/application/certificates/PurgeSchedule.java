package io.renewd.application.certificates;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs {@link PurgeExpiredCertificates} every {@code renewd.purge.interval}; one replica at a time is enough but several are harmless. */
@ApplicationScoped
public class PurgeSchedule {

    private final PurgeExpiredCertificates purge;

    PurgeSchedule(PurgeExpiredCertificates purge) {
        this.purge = purge;
    }

    @Scheduled(every = "${renewd.purge.interval}", delayed = "${renewd.purge.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge.execute();
    }
}
