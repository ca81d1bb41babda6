package io.renewd.issuer.acme.dns01;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Tries again to remove DNS-01 records that could not be removed when their order was settled, every {@code renewd.acme.dns01-cleanup-interval}. */
@ApplicationScoped
class Dns01Cleanup {

    private final Dns01Solver solver;

    Dns01Cleanup(Dns01Solver solver) {
        this.solver = solver;
    }

    @Scheduled(every = "${renewd.acme.dns01-cleanup-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeDue() {
        solver.removeDue();
    }
}
