package io.renewd.application.schedule;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.config.AcmeConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.runtime.BackgroundLoop;
import io.renewd.runtime.ShutdownOrder;
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
    private final BackgroundLoop loop;

    RenewalInfoSchedule(CheckRenewalInfo check, SweepSchedule sweep, ProcessRoles roles, AcmeConfig acme) {
        this.check = check;
        this.sweep = sweep;
        this.loop = new BackgroundLoop("renewd-renewal-info", roles.runs(Role.SCHEDULER), acme.renewalInfo().checkInterval(), this::checkAll);
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    /** On SIGTERM: the check in flight finishes while the database is still there; no further one starts. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
    }

    private void checkAll() {
        CheckRenewalInfo.Outcome outcome;
        do {
            outcome = check.checkDue();
            if (outcome.renewalDueNow()) {
                sweep.wake();
            }
        } while (outcome.checked() == CheckRenewalInfo.BATCH && !loop.stopping());
    }
}
