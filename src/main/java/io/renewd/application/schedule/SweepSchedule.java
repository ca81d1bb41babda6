package io.renewd.application.schedule;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the sweep every {@code renewd.scheduler.sweep-interval} until nothing more is due. */
@ApplicationScoped
public class SweepSchedule {

    private final SweepDueActions sweep;
    private final SchedulerConfig config;

    SweepSchedule(SweepDueActions sweep, SchedulerConfig config) {
        this.sweep = sweep;
        this.config = config;
    }

    @Scheduled(every = "${renewd.scheduler.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int settled;
        do {
            settled = sweep.sweepBatch();
        } while (settled == config.batchSize());
    }
}
