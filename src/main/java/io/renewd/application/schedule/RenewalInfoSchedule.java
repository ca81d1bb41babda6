package io.renewd.application.schedule;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs {@link CheckRenewalInfo} every {@code renewd.acme.renewal-info.check-interval} on the
 * scheduler replicas, until nothing more is due; wakes the sweep when a CA's window made an
 * AutoRenew due now, so the renewal starts at once.
 */
@ApplicationScoped
public class RenewalInfoSchedule {

    private final CheckRenewalInfo check;
    private final SweepSchedule sweep;
    private final ProcessRoles roles;

    RenewalInfoSchedule(CheckRenewalInfo check, SweepSchedule sweep, ProcessRoles roles) {
        this.check = check;
        this.sweep = sweep;
        this.roles = roles;
    }

    @Scheduled(every = "${renewd.acme.renewal-info.check-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        if (!roles.runs(Role.SCHEDULER)) {
            return;
        }
        CheckRenewalInfo.Outcome outcome;
        do {
            outcome = check.checkDue();
            if (outcome.renewalDueNow()) {
                sweep.wake();
            }
        } while (outcome.checked() == CheckRenewalInfo.BATCH);
    }
}
