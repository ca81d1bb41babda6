package io.renewd.issuer.acme.dns01;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tries again, every {@code renewd.acme.dns01-cleanup-interval}, to remove DNS-01 records that could
 * not be removed when their order was settled; in renewer processes, which are the ones that reach the DNS servers.
 */
@ApplicationScoped
class Dns01Cleanup {

    private final Dns01Solver solver;
    private final ProcessRoles roles;

    Dns01Cleanup(Dns01Solver solver, ProcessRoles roles) {
        this.solver = solver;
        this.roles = roles;
    }

    @Scheduled(every = "${renewd.acme.dns01-cleanup-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeDue() {
        if (roles.runs(Role.RENEWER)) {
            solver.removeDue();
        }
    }
}
