package io.renewd.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.runtime.PermanentFailure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads renewd's events in one consumer group on a thread of its own, reads each into its
 * {@link CertificateEvent} and hands a poll's events to the group's {@link EventHandler} at once
 * ({@link EventHandler#handleAll}), at least once: an offset is committed only after its event was handled, so a crash
 * or a failing handler leads to redelivery, never to a lost event (handlers drop duplicates by event id). When the
 * events at once fail, they are handled one by one; a handler that fails on one is retried on the same event after a
 * delay, holding back its partition (an outage of the database ends), unless it failed for good ({@link PermanentFailure}):
 * such an event is logged, counted ({@code renewd_events_set_aside_total}) and passed. {@link #stop()} finishes the events in
 * hand and commits before it returns.
 */
public final class EventConsumerLoop {

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);

    private final String group;
    private final List<String> topics;
    private final EventHandler handler;
    private final Duration retryDelay;
    private final KafkaConsumer<String, CloudEvent> consumer;
    private final EventReader reader;
    private final Counter setAside;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile String problem;
    private Thread thread;

    /** {@code clientSettings}: the shared Kafka client settings (broker, security) of this consumer's group, see {@link KafkaClientSettings}. */
    public EventConsumerLoop(KafkaClientSettings clientSettings, EventHandler handler, Duration retryDelay, EventReader reader,
                             MeterRegistry registry) {
        this.group = handler.group();
        this.topics = List.copyOf(handler.topics());
        this.handler = handler;
        this.retryDelay = retryDelay;
        this.reader = reader;
        // Registered at 0 from the start: an alert on its increase needs the series before the first event is set aside.
        this.setAside = registry.counter("renewd.events.set.aside", "group", group);
        Map<String, Object> properties = clientSettings.consumer(group, group + "-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning: events written before the consumer first ran are still acted on.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new CloudEventDeserializer());
    }

    public String group() {
        return group;
    }

    /** Why this consumer gets no events (the broker refuses its credentials or rights, or it stopped); empty while it reads. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public void start() {
        thread = Thread.ofPlatform().name("renewd-consumer-" + group).start(this::run);
    }

    /** Stops after the event in hand, commits what was handled, leaves the group. */
    public void stop() {
        // No wakeup(): it could interrupt the final commit. The loop polls at most a second at a time.
        running = false;
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warnf("consumer %s did not stop within 30 s", group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                try {
                    pollAndHandle();
                    // A poll can come back empty between two refused sign-ins; only a place in the group proves it reads.
                    if (problem != null && !consumer.assignment().isEmpty()) {
                        problem = null;
                    }
                } catch (AuthenticationException | AuthorizationException e) {
                    // Wrong credentials or missing ACLs: nothing arrives until an operator fixes them, so it is said
                    // (log and readiness) and tried again, never taken as "no events".
                    if (!String.valueOf(e.getMessage()).equals(problem)) {
                        LOG.errorf("consumer %s gets no events: the broker refuses it (%s); it tries again every %s", group, e.getMessage(), retryDelay);
                    }
                    problem = String.valueOf(e.getMessage());
                    pause();
                }
            }
        } catch (RuntimeException e) {
            problem = "stopped: " + e.getMessage();
            LOG.errorf(e, "consumer %s stopped", group);
        } finally {
            consumer.close(Duration.ofSeconds(10));
            stopped.countDown();
        }
    }

    private void pollAndHandle() {
        ConsumerRecords<String, CloudEvent> records;
        try {
            records = consumer.poll(Duration.ofSeconds(1));
        } catch (RecordDeserializationException e) {
            // Not a CloudEvent: skipped, or it would block its partition forever.
            LOG.errorf("consumer %s skips the record at %s offset %d: %s", group, e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        if (!records.isEmpty()) {
            handleAll(records);
        }
    }

    private void handleAll(ConsumerRecords<String, CloudEvent> records) {
        if (!running) {
            rewind(records, Map.of());
            return;
        }
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            items.add(item(record));
        }
        List<EventHandler.Delivery> deliveries = items.stream().flatMap(item -> item.delivery().stream()).toList();
        if (deliveries.isEmpty() || handledAtOnce(deliveries)) {
            Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
            items.forEach(item -> handled.put(item.partition(), item.next()));
            consumer.commitSync(handled);
        } else {
            handleOneByOne(records, items);
        }
    }

    /** The poll's events handed to the handler at once; false when that failed (nothing of it counts then). */
    private boolean handledAtOnce(List<EventHandler.Delivery> deliveries) {
        try {
            handler.handleAll(deliveries);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("consumer %s could not handle %d events at once (%s); it handles them one by one", group, deliveries.size(),
                    e.getMessage());
            return false;
        }
    }

    private void handleOneByOne(ConsumerRecords<String, CloudEvent> records, List<Item> items) {
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        for (Item item : items) {
            if (!running) {
                rewind(records, handled);
                break;
            }
            if (item.delivery().isEmpty()) {
                handled.put(item.partition(), item.next());
                continue;
            }
            UUID id = item.delivery().get().id();
            CertificateEvent event = item.delivery().get().event();
            MDC.put("certificate", String.valueOf(item.key()));
            MDC.put("eventId", id.toString());
            try {
                handler.handle(id, event);
                handled.put(item.partition(), item.next());
            } catch (RuntimeException e) {
                Optional<PermanentFailure> permanent = PermanentFailure.in(e);
                if (permanent.isPresent()) {
                    // Retrying would fail the same way and hold back every later event of the partition (other
                    // certificates, other vaults): said loudly, counted, and passed.
                    LOG.errorf("consumer %s sets event %s (%s) aside: it cannot be handled, now or later: %s", group, id,
                            event.getClass().getSimpleName(), permanent.get().getMessage());
                    setAside.increment();
                    handled.put(item.partition(), item.next());
                    continue;
                }
                LOG.warnf("consumer %s could not handle event %s (%s); it tries again in %s: %s", group,
                        id, event.getClass().getSimpleName(), retryDelay, e.getMessage());
                rewind(records, handled);
                pause();
                break;
            } finally {
                MDC.remove("certificate");
                MDC.remove("eventId");
            }
        }
        if (!handled.isEmpty()) {
            consumer.commitSync(handled);
        }
    }

    /** A record of a poll: its place, and the event to hand over (empty when the record is skipped). */
    private record Item(TopicPartition partition, OffsetAndMetadata next, String key, Optional<EventHandler.Delivery> delivery) {
    }

    private Item item(ConsumerRecord<String, CloudEvent> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1);
        try {
            // Empty for another kind of event on the topic (none of the certificate events): not this consumer's business.
            return new Item(partition, next, record.key(), received(record));
        } catch (EventReader.Unreadable e) {
            // Not an event renewd can read: retrying would block the partition forever.
            LOG.errorf("consumer %s skips the record at %s offset %d: %s", group, partition, record.offset(), e.getMessage());
            return new Item(partition, next, record.key(), Optional.empty());
        }
    }

    /** Every partition of the batch goes back to its first event not handled, so nothing after a failure is skipped. */
    private void rewind(ConsumerRecords<String, CloudEvent> records, Map<TopicPartition, OffsetAndMetadata> handled) {
        for (TopicPartition partition : records.partitions()) {
            long next = handled.containsKey(partition) ? handled.get(partition).offset() : records.records(partition).getFirst().offset();
            consumer.seek(partition, next);
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The record's certificate event; empty for other events; {@link EventReader.Unreadable} when it is not one renewd can read. */
    private Optional<EventHandler.Delivery> received(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null) {
            throw new EventReader.Unreadable("the record has no CloudEvent");
        }
        Optional<CertificateEvent> read;
        try {
            read = reader.read(event.getType(), event.getData() == null ? null : event.getData().toBytes());
        } catch (EventReader.Unreadable e) {
            throw new EventReader.Unreadable("event " + event.getId() + " (" + event.getType() + ") is not one of renewd's: " + e.getMessage());
        }
        if (read.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventHandler.Delivery(UUID.fromString(event.getId()), read.get()));
        } catch (IllegalArgumentException e) {
            throw new EventReader.Unreadable("event id " + event.getId() + " is not a UUID");
        }
    }
}
