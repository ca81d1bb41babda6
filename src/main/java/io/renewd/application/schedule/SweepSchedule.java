package io.renewd.application.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.renewd.config.Role;
import io.quarkus.runtime.ShutdownEvent;
import io.renewd.application.ShutdownOrder;
import io.renewd.config.ProcessRoles;
import io.renewd.config.SchedulerConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs the sweep every {@code renewd.scheduler.sweep-interval} until nothing more is due. */
@ApplicationScoped
public class SweepSchedule {

    private final SweepDueActions sweep;
    private final SchedulerConfig config;
    private final ProcessRoles roles;
    private final Timer duration;
    private volatile boolean stopping;

    SweepSchedule(SweepDueActions sweep, SchedulerConfig config, ProcessRoles roles, MeterRegistry registry) {
        this.sweep = sweep;
        this.config = config;
        this.roles = roles;
        this.duration = Timer.builder("renewd.sweep.duration").description("time of one sweep, until nothing more is due")
                .register(registry);
    }

    /** On SIGTERM: the batch in flight commits (or rolls back with nothing fired); no further batch is claimed. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        stopping = true;
    }

    @Scheduled(every = "${renewd.scheduler.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!roles.runs(Role.SCHEDULER)) {
            return;
        }
        duration.record(() -> {
            int claimed;
            do {
                claimed = sweep.sweepBatch();
            } while (claimed == config.batchSize() && !stopping);
        });
    }
}
