package io.renewd.application.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.config.SchedulerConfig;
import io.renewd.runtime.BackgroundLoop;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs the sweep every {@code renewd.scheduler.sweep-interval} until nothing more is due, on a thread of its own. */
@ApplicationScoped
public class SweepSchedule {

    private final SweepDueActions sweep;
    private final SchedulerConfig config;
    private final Timer duration;
    private final BackgroundLoop loop;

    SweepSchedule(SweepDueActions sweep, SchedulerConfig config, ProcessRoles roles, MeterRegistry registry) {
        this.sweep = sweep;
        this.config = config;
        this.duration = Timer.builder("renewd.sweep.duration").description("time of one sweep, until nothing more is due")
                .register(registry);
        this.loop = new BackgroundLoop("renewd-sweep", roles.runs(Role.SCHEDULER), config.sweepInterval(), this::sweepAll);
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    /** Sweeps now rather than at the next interval: something fell due earlier than planned. */
    public void wake() {
        loop.wake();
    }

    /** On SIGTERM: the batch in flight commits (while the database is still there); no further batch is claimed. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
    }

    private void sweepAll() {
        duration.record(() -> {
            boolean more = true;
            while (more && !loop.stopping()) {
                more = sweep.sweepBatch() == config.batchSize();
            }
        });
    }
}
