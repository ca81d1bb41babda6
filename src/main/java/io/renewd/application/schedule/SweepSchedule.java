package io.renewd.application.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.renewd.runtime.ShutdownOrder;
import io.renewd.runtime.WorkTrigger;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.config.SchedulerConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs the sweep every {@code renewd.scheduler.sweep-interval} until nothing more is due, on a thread of its own. */
@ApplicationScoped
public class SweepSchedule {

    private final SweepDueActions sweep;
    private final SchedulerConfig config;
    private final ProcessRoles roles;
    private final Timer duration;
    private final WorkTrigger trigger = new WorkTrigger("renewd-sweep", this::sweepAll);

    SweepSchedule(SweepDueActions sweep, SchedulerConfig config, ProcessRoles roles, MeterRegistry registry) {
        this.sweep = sweep;
        this.config = config;
        this.roles = roles;
        this.duration = Timer.builder("renewd.sweep.duration").description("time of one sweep, until nothing more is due")
                .register(registry);
    }

    @Scheduled(every = "${renewd.scheduler.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (roles.runs(Role.SCHEDULER)) {
            trigger.request();
        }
    }

    /** Sweeps now rather than at the next interval: something fell due earlier than planned. */
    public void wake() {
        if (roles.runs(Role.SCHEDULER)) {
            trigger.request();
        }
    }

    /** On SIGTERM: the batch in flight commits (while the database is still there); no further batch is claimed. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        trigger.stop(ShutdownOrder.PATIENCE);
    }

    private void sweepAll() {
        duration.record(() -> {
            boolean more = true;
            while (more && !trigger.stopping()) {
                more = sweep.sweepBatch() == config.batchSize();
            }
        });
    }
}
