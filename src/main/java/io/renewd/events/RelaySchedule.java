package io.renewd.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.renewd.config.EventsConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.runtime.BackgroundLoop;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

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
    private final ProcessRoles roles;
    private final BackgroundLoop loop;
    private volatile boolean failing;

    RelaySchedule(OutboxRelay relay, EventsConfig config, ProcessRoles roles) {
        this.relay = relay;
        this.config = config;
        this.roles = roles;
        this.loop = new BackgroundLoop("renewd-relay", roles.runs(Role.RELAY), config.relay().interval(), this::publishAll);
    }

    void start(@Observes StartupEvent started) {
        loop.start();
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventOutbox.Written written) {
        loop.wake();
    }

    @Scheduled(every = "${renewd.events.relay.cleanup-interval:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanup() {
        if (roles.runs(Role.RELAY)) {
            relay.deletePublished();
        }
    }

    /** On SIGTERM: the batch in flight finishes (it is marked published only if acknowledged); nothing new starts. */
    void stop(@Observes @Priority(ShutdownOrder.WORK) ShutdownEvent shutdown) {
        loop.stop();
    }

    private void publishAll() {
        try {
            int published;
            do {
                published = relay.publishBatch();
            } while (published == config.relay().batchSize() && !loop.stopping());
            if (failing) {
                LOG.info("the outbox relay publishes again");
                failing = false;
            }
        } catch (OutboxRelay.RelayFailure e) {
            if (!failing) {
                LOG.warnf("events wait in the outbox until Kafka takes them again: %s", e.getMessage());
                failing = true;
            }
        }
    }
}
