package io.renewd.events;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.EventsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives the outbox relay on one thread of its own: right after a transaction of this process
 * wrote events, and every {@code renewd.events.relay.interval} for rows written by other
 * replicas or left by a broker outage. Also deletes published rows past their retention.
 */
@ApplicationScoped
public class RelaySchedule {

    private static final Logger LOG = Logger.getLogger(RelaySchedule.class);

    private final OutboxRelay relay;
    private final EventsConfig config;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("renewd-relay").factory());
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean failing;

    RelaySchedule(OutboxRelay relay, EventsConfig config) {
        this.relay = relay;
        this.config = config;
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventOutbox.Written written) {
        request();
    }

    @Scheduled(every = "${renewd.events.relay.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        request();
    }

    @Scheduled(every = "${renewd.events.relay.cleanup-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanup() {
        relay.deletePublished();
    }

    /** Asks for a relay run; requests made while one is queued or running lead to one more run, not one each. */
    private void request() {
        requested.set(true);
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Shutting down: the rows wait in the outbox for the next start or another replica.
            }
        }
    }

    private void drain() {
        queued.set(false);
        if (requested.getAndSet(false)) {
            publishAll();
        }
    }

    private void publishAll() {
        try {
            int published;
            do {
                published = relay.publishBatch();
            } while (published == config.relay().batchSize() && !thread.isShutdown());
            if (failing) {
                LOG.info("the outbox relay publishes again");
                failing = false;
            }
        } catch (OutboxRelay.RelayFailure e) {
            if (!failing) {
                LOG.warnf("events wait in the outbox until Kafka takes them again: %s", e.getMessage());
                failing = true;
            }
        } catch (RuntimeException e) {
            LOG.error("the outbox relay failed; it tries again at its next interval", e);
        }
    }

    /** Lets a running batch finish (it is marked published only if acknowledged); queued runs are dropped. */
    @PreDestroy
    void stop() {
        thread.shutdown();
    }
}
