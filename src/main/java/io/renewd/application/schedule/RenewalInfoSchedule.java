package io.renewd.application.schedule;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.renewd.runtime.ShutdownOrder;
import io.renewd.runtime.WorkTrigger;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs {@link CheckRenewalInfo} every {@code renewd.acme.renewal-info.check-interval} on the
 * scheduler replicas, on a thread of its own, until nothing more is due; wakes the sweep when a
 * CA's window made an AutoRenew due now, so the renewal starts at once.
 */
@ApplicationScoped
public class RenewalInfoSchedule {

    private final CheckRenewalInfo check;
    private final SweepSchedule sweep;
    private final ProcessRoles roles;
    private final WorkTrigger trigger = new WorkTrigger("renewd-renewal-info", this::checkAll);

    RenewalInfoSchedule(CheckRenewalInfo check, SweepSchedule sweep, ProcessRoles roles) {
        this.check = check;
        this.sweep = sweep;
        this.roles = roles;
    }

    @Scheduled(every = "${renewd.acme.renewal-info.check-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (roles.runs(Role.SCHEDULER)) {
            trigger.request();
        }
    }

    /** On SIGTERM: the check in flight finishes while the database is still there; no further one starts. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        trigger.stop(ShutdownOrder.PATIENCE);
    }

    private void checkAll() {
        CheckRenewalInfo.Outcome outcome;
        do {
            outcome = check.checkDue();
            if (outcome.renewalDueNow()) {
                sweep.wake();
            }
        } while (outcome.checked() == CheckRenewalInfo.BATCH && !trigger.stopping());
    }
}
