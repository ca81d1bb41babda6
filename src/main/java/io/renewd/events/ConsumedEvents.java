package io.renewd.events;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.ConsumersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** What each consumer already acted on, by CloudEvents id: a redelivered event is recognised and dropped. */
@ApplicationScoped
public class ConsumedEvents {

    private final EntityManager entityManager;
    private final ConsumersConfig config;
    private final Clock clock;

    ConsumedEvents(EntityManager entityManager, ConsumersConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Remembers the event in the caller's transaction; false if the consumer had it already. The
     * caller's work and this memory commit together, so an event is acted on exactly once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        return entityManager.createNativeQuery("""
                        insert into consumed_event (consumer, event_id, consumed_at) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, clock.instant()).executeUpdate() == 1;
    }

    /** Forgets ids older than {@code renewd.consumers.memory}: Kafka does not redeliver that late. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        entityManager.createNativeQuery("delete from consumed_event where consumed_at < ?1")
                .setParameter(1, clock.instant().minus(config.memory())).executeUpdate();
    }
}
