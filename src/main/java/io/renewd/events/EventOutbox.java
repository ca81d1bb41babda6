package io.renewd.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.config.EventsConfig;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.store.OutboxEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes an event into the outbox in the caller's transaction: the event exists exactly when
 * the change it announces was committed. The relay publishes it afterwards.
 */
@ApplicationScoped
public class EventOutbox {

    private final EventsConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    EventOutbox(EventsConfig config, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID write(CertificateEvent event) {
        var row = new OutboxEntity();
        row.id = UUID.randomUUID();
        row.aggregatetype = EventTypes.topic(event, config.topics());
        row.aggregateid = event.vault() + "/" + event.name();
        row.type = EventTypes.type(event);
        row.timestamp = clock.instant();
        try {
            row.payload = mapper.writeValueAsString(EventData.of(event, config.objectBaseUrl()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data could not be written", e);
        }
        row.persist();
        return row.id;
    }
}
