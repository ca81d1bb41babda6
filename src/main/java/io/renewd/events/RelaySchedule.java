package io.renewd.events;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Drives the outbox relay every {@code renewd.events.relay.interval}, and the cleanup of published rows. */
@ApplicationScoped
public class RelaySchedule {

    private static final Logger LOG = Logger.getLogger(RelaySchedule.class);

    private final OutboxRelay relay;
    private final EventsConfig config;
    private volatile boolean failing;

    RelaySchedule(OutboxRelay relay, EventsConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Scheduled(every = "${renewd.events.relay.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int published;
            do {
                published = relay.publishBatch();
            } while (published == config.relay().batchSize());
            if (failing) {
                LOG.info("the outbox relay publishes again");
                failing = false;
            }
            relay.deletePublished();
        } catch (OutboxRelay.RelayFailure e) {
            if (!failing) {
                LOG.warnf("events wait in the outbox until Kafka takes them again: %s", e.getMessage());
                failing = true;
            }
        }
    }
}
