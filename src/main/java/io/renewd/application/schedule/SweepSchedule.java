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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the sweep every {@code renewd.scheduler.sweep-interval} until nothing more is due, on a thread of its own; when the
 * first batch comes back full (more is due), {@code renewd.scheduler.sweepers - 1} helper threads sweep alongside it.
 */
@ApplicationScoped
public class SweepSchedule {

    private final SweepDueActions sweep;
    private final SchedulerConfig config;
    private final Timer duration;
    private final BackgroundLoop loop;
    private final ExecutorService helpers;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    SweepSchedule(SweepDueActions sweep, SchedulerConfig config, ProcessRoles roles, MeterRegistry registry) {
        if (config.sweepers() < 1) {
            throw new IllegalArgumentException("renewd.scheduler.sweepers must be at least 1, not " + config.sweepers());
        }
        this.sweep = sweep;
        this.config = config;
        this.duration = Timer.builder("renewd.sweep.duration").description("time of one sweep, until nothing more is due")
                .register(registry);
        this.loop = new BackgroundLoop("renewd-sweep", roles.runs(Role.SCHEDULER), config.sweepInterval(), this::sweepAll);
        this.helpers = config.sweepers() == 1 ? null
                : Executors.newFixedThreadPool(config.sweepers() - 1, Thread.ofPlatform().name("renewd-sweep-", 2).daemon().factory());
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    /** Sweeps now rather than at the next interval: something fell due earlier than planned. */
    public void wake() {
        loop.wake();
    }

    /** Whether a sweep that found more than one batch due is under way: work that can wait a little waits for it. */
    public boolean sweeping() {
        return sweeping.get();
    }

    /** On SIGTERM: the batches in flight commit (while the database is still there); no further batch is claimed. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    private void sweepAll() {
        duration.record(() -> {
            // A run queued before SIGTERM still starts: it claims nothing. Most sweeps find less than a batch: one claim,
            // no helper woken.
            if (loop.stopping() || sweep.sweepBatch() < config.batchSize() || loop.stopping()) {
                return;
            }
            sweeping.set(true);
            try {
                List<Future<?>> alongside = new ArrayList<>();
                for (int i = 1; i < config.sweepers(); i++) {
                    alongside.add(helpers.submit(this::sweepUntilDone));
                }
                sweepUntilDone();
                for (Future<?> helper : alongside) {
                    helper.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } finally {
                sweeping.set(false);
            }
        });
    }

    private void sweepUntilDone() {
        boolean more = true;
        while (more && !loop.stopping()) {
            more = sweep.sweepBatch() == config.batchSize();
        }
    }
}
