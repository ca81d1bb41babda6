package io.renewd.events;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.renewd.config.EventsConfig;
import io.renewd.store.OutboxEntity;
import io.renewd.store.OutboxRow;
import io.renewd.store.OutboxRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Publishes outbox rows to Kafka as CloudEvents 1.0 in binary mode, in outbox order. One
 * replica relays at a time (a PostgreSQL advisory lock), so events of one certificate keep
 * their order; a batch is marked published only once the broker acknowledged all of it, so a
 * broker outage leaves the rows waiting (at least once: consumers drop duplicates by id).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock key of the relay ("renewd-relay" in ASCII, truncated to 8 bytes). */
    private static final long RELAY_LOCK = 0x72656e6577642d72L;

    private final KafkaRecordSender sender;
    private final EventsConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    OutboxRelay(KafkaRecordSender sender, EventsConfig config, Clock clock, MeterRegistry registry) {
        this.sender = sender;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /** Publishes up to one batch; 0 when nothing waits or another replica is relaying. */
    @Transactional
    public int publishBatch() {
        boolean relaying = (Boolean) OutboxEntity.getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK).getSingleResult();
        if (!relaying) {
            return 0;
        }
        List<OutboxRow> rows = OutboxRows.unpublished(config.relay().batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        var acknowledgements = rows.stream().map(row -> sender.send(record(row)).toCompletableFuture()).toArray(CompletableFuture[]::new);
        awaitAll(acknowledgements);
        OutboxRows.markPublished(rows.stream().map(OutboxRow::id).toList(), clock.instant());
        rows.stream().collect(Collectors.groupingBy(OutboxRow::type, Collectors.counting()))
                .forEach((type, count) -> registry.counter("renewd.events.published", "type", type).increment(count));
        return rows.size();
    }

    /** Deletes rows published longer ago than the retention. */
    @Transactional
    public long deletePublished() {
        return OutboxEntity.delete("publishedAt < ?1", clock.instant().minus(config.relay().retention()));
    }

    /** Rows waiting to be published, and the time the oldest of them was written. */
    public record Backlog(long rows, Instant oldest) {
    }

    @Transactional
    public Backlog backlog() {
        Object[] result = (Object[]) OutboxEntity.getEntityManager()
                .createQuery("select count(o), min(o.timestamp) from OutboxEntity o where o.publishedAt is null").getSingleResult();
        return new Backlog((Long) result[0], (Instant) result[1]);
    }

    static KafkaRecord record(OutboxRow row) {
        int slash = row.aggregateid().indexOf('/');
        var event = CloudEventBuilder.v1()
                .withId(row.id().toString())
                .withSource(URI.create("/vaults/" + row.aggregateid().substring(0, slash)))
                .withType(row.type())
                .withSubject(row.aggregateid().substring(slash + 1))
                .withTime(row.timestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(row.payload().getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> binary = KafkaMessageFactory.<String>createWriter(row.aggregatetype(), row.aggregateid()).writeBinary(event);
        Map<String, String> headers = new LinkedHashMap<>();
        binary.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return new KafkaRecord(row.aggregatetype(), row.aggregateid(), headers, new String(binary.value(), StandardCharsets.UTF_8));
    }

    private void awaitAll(CompletableFuture<?>[] acknowledgements) {
        try {
            CompletableFuture.allOf(acknowledgements).get(config.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailure("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new RelayFailure("Kafka refused the batch: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RelayFailure("Kafka did not acknowledge the batch within " + config.relay().sendTimeout(), e);
        }
    }

    /** The batch was not acknowledged: its rows stay unpublished and are sent again. */
    public static final class RelayFailure extends RuntimeException {
        RelayFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
