package io.renewd.events;

import io.quarkus.scheduler.Scheduled;
import io.renewd.config.ConsumersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
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

    /**
     * Remembers the events in the caller's transaction, in one statement; returns those the consumer did not have yet
     * (the ones to act on), as {@link #firstTime} does for one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstTimes(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = eventIds.stream().distinct().toArray(UUID[]::new);
        Set<UUID> first = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into consumed_event (consumer, event_id, consumed_at)
                    select ?, u.id, ? from unnest(?::uuid[]) as u(id)
                    on conflict do nothing returning event_id""")) {
                insert.setString(1, consumer);
                insert.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.setArray(3, connection.createArrayOf("uuid", ids));
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        first.add(inserted.getObject(1, UUID.class));
                    }
                }
            }
        });
        return first;
    }

    /** Forgets ids older than {@code renewd.consumers.memory}: Kafka does not redeliver that late. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        entityManager.createNativeQuery("delete from consumed_event where consumed_at < ?1")
                .setParameter(1, clock.instant().minus(config.memory())).executeUpdate();
    }
}
