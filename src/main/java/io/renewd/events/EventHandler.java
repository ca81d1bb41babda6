package io.renewd.events;

import io.renewd.config.Role;
import io.renewd.domain.events.CertificateEvent;

import java.util.List;
import java.util.UUID;

/**
 * A consumer of renewd's own events: a CDI bean that {@link EventConsumers} starts, in its own
 * consumer group, in every process that runs its {@link #role()}. Events arrive at least once
 * and possibly from anyone able to write to the topics: {@link #handle} drops duplicates by event
 * id and acts only on what the database bears out. An exception leads to redelivery of the event.
 */
public interface EventHandler {

    /** One event of a poll and its CloudEvents id. */
    record Delivery(UUID id, CertificateEvent event) {
    }

    /** Kafka consumer group; each handler has its own, so each sees every event. */
    String group();

    List<String> topics();

    /** The process role that runs this consumer. */
    Role role();

    void handle(UUID eventId, CertificateEvent event);

    /**
     * Handles a poll's events, in their order. A handler may do them all in one transaction (all or nothing); when this
     * throws, the loop hands the same events to {@link #handle} one by one, so one failing event holds back no other.
     */
    default void handleAll(List<Delivery> deliveries) {
        deliveries.forEach(delivery -> handle(delivery.id(), delivery.event()));
    }
}
