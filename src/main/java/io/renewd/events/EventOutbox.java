package io.renewd.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.config.EventsConfig;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.events.BulkEvent;
import io.renewd.domain.events.CertificateEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into the outbox in the caller's transaction: an event exists exactly when the
 * change it announces was committed. The relay publishes it afterwards, woken once the
 * transaction commits.
 */
@ApplicationScoped
public class EventOutbox {

    /** Fired when a transaction wrote outbox rows; observed after it commits. */
    public record Written(int rows) {
    }

    // One statement for any number of rows; "with ordinality" keeps the callers' order in seq.
    private static final String INSERT = """
            insert into outbox (id, aggregatetype, aggregateid, type, timestamp, payload)
            select u.id, u.topic, u.key, u.type, ?::timestamptz, u.payload::jsonb
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as u(id, topic, key, type, payload, n)
            order by u.n""";

    private final EventsConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final EntityManager entityManager;
    private final Event<Written> written;

    EventOutbox(EventsConfig config, ObjectMapper mapper, Clock clock, EntityManager entityManager, Event<Written> written) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.entityManager = entityManager;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID write(CertificateEvent event) {
        return writeAll(List.of(event)).getFirst();
    }

    /** Writes the events in this order (their publication order); returns their CloudEvents ids. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> writeAll(List<CertificateEvent> events) {
        return writeMessages(events.stream().map(event -> new Message(EventTypes.topic(event, config.topics()),
                event.vault() + "/" + event.name(), EventTypes.type(event), json(EventData.of(event, config.objectBaseUrl())))).toList());
    }

    /** Writes a bulk re-issue's event, keyed {@code vault/id} so the start and end of one bulk stay in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID writeBulk(BulkEvent event) {
        return writeMessages(List.of(new Message(config.topics().bulk(), event.vault() + "/" + event.id(), EventTypes.type(event),
                json(BulkEventData.of(event, config.objectBaseUrl()))))).getFirst();
    }

    /** Writes audit trail entries for the audit topic, in one statement, each keyed {@code vault/object} ({@code -} for none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> writeAudits(List<AuditRecord> records) {
        return writeMessages(records.stream().map(record -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("at", record.at().toString());
            data.put("principal", record.principal());
            data.put("vault", record.vault());
            data.put("object", record.object());
            data.put("operation", record.operation());
            data.put("outcome", record.outcome());
            data.put("status", record.status());
            data.put("requestId", record.requestId());
            data.put("details", record.details());
            String key = (record.vault() == null ? "-" : record.vault()) + "/" + (record.object() == null ? "-" : record.object());
            return new Message(config.topics().audit(), key, EventTypes.AUDIT, json(data));
        }).toList());
    }

    private record Message(String topic, String key, String type, String payload) {
    }

    private List<UUID> writeMessages(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Message message = messages.get(i);
            ids[i] = UUID.randomUUID();
            topics[i] = message.topic();
            keys[i] = message.key();
            types[i] = message.type();
            payloads[i] = message.payload();
        }
        Instant now = clock.instant();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                Array[] arrays = {connection.createArrayOf("uuid", ids), connection.createArrayOf("text", topics),
                        connection.createArrayOf("text", keys), connection.createArrayOf("text", types), connection.createArrayOf("text", payloads)};
                for (int i = 0; i < arrays.length; i++) {
                    insert.setArray(i + 2, arrays[i]);
                }
                insert.executeUpdate();
            }
        });
        written.fire(new Written(n));
        return List.of(ids);
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data could not be written", e);
        }
    }
}
