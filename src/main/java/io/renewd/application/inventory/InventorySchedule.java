package io.renewd.application.inventory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.application.renewal.RenewalWorker;
import io.renewd.application.schedule.SweepSchedule;
import io.renewd.config.InventoryConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.runtime.BackgroundLoop;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refreshes the inventory every {@code renewd.inventory.refresh-interval} in the scheduler role, on a thread of its own.
 * While this process's sweep fires more than a batch (a mass expiry) or its renewer holds more operations than its workers
 * (a mass renewal), the refresh waits, up to {@link #MAX_DEFERRALS} intervals in a row: the events and new versions go
 * out first, and the certificates still being settled or renewed are recomputed once.
 */
@ApplicationScoped
public class InventorySchedule {

    /** Intervals in a row a refresh gives way to a busy sweep or renewer: how much further behind the table may fall in a burst. */
    static final int MAX_DEFERRALS = 5;

    private final RefreshInventory refresh;
    private final SweepSchedule sweep;
    private final RenewalWorker renewer;
    private final BackgroundLoop loop;
    private final AtomicLong backlog = new AtomicLong();
    private final BurstDeferral deferral = new BurstDeferral(MAX_DEFERRALS);

    InventorySchedule(RefreshInventory refresh, SweepSchedule sweep, RenewalWorker renewer, InventoryConfig config, ProcessRoles roles,
                      MeterRegistry registry) {
        this.refresh = refresh;
        this.sweep = sweep;
        this.renewer = renewer;
        this.loop = new BackgroundLoop("renewd-inventory", roles.runs(Role.SCHEDULER), config.refreshInterval(), this::refreshAll);
        Gauge.builder("renewd.inventory.backlog", backlog, AtomicLong::get)
                .description("changed certificates queued for the web inventory's next refresh (after this scheduler's last one)").register(registry);
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    /** On SIGTERM: the batch in hand commits; no further batch is taken. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
    }

    private void refreshAll() {
        // The refresh, the sweep and the renewer share PostgreSQL's cores: the burst's events and versions go out first.
        if (deferral.defer(sweep.sweeping() || renewer.workingThroughABacklog())) {
            return;
        }
        boolean more = true;
        while (more && !loop.stopping()) {
            more = refresh.refreshBatch() == RefreshInventory.BATCH;
        }
        backlog.set(refresh.backlog());
    }
}
