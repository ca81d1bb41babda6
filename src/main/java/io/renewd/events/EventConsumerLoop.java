package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
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

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads renewd's events in one consumer group on a thread of its own and hands each to a
 * handler, at least once: an offset is committed only after its event was handled, so a crash
 * or a failing handler leads to redelivery, never to a lost event (handlers drop duplicates by
 * event id). A handler that fails is retried on the same event after a delay, holding back its
 * partition. {@link #stop()} finishes the event in hand and commits before it returns.
 */
public final class EventConsumerLoop {

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);

    private final String group;
    private final List<String> topics;
    private final Consumer<ReceivedEvent> handler;
    private final Duration retryDelay;
    private final KafkaConsumer<String, CloudEvent> consumer;
    private final ObjectMapper mapper;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile String problem;
    private Thread thread;

    /** {@code clientSettings}: the shared Kafka client settings (broker, security) of this consumer's group, see {@link KafkaClientSettings}. */
    public EventConsumerLoop(KafkaClientSettings clientSettings, String group, List<String> topics, Consumer<ReceivedEvent> handler,
                             Duration retryDelay, ObjectMapper mapper) {
        this.group = group;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.retryDelay = retryDelay;
        this.mapper = mapper;
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
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!running) {
                rewind(records, handled);
                break;
            }
            ReceivedEvent event;
            try {
                event = received(record);
            } catch (IllegalStateException e) {
                // Not an event renewd can read: retrying would block the partition forever.
                LOG.errorf("consumer %s skips the record at %s offset %d: %s", group, partition, record.offset(), e.getMessage());
                handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
                continue;
            }
            MDC.put("certificate", String.valueOf(record.key()));
            MDC.put("eventId", event.id().toString());
            try {
                handler.accept(event);
                handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } catch (RuntimeException e) {
                LOG.warnf("consumer %s could not handle event %s (%s); it tries again in %s: %s", group,
                        event.id(), event.type(), retryDelay, e.getMessage());
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

    private ReceivedEvent received(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null) {
            throw new IllegalStateException("the record has no CloudEvent");
        }
        try {
            return new ReceivedEvent(UUID.fromString(event.getId()), event.getType(), record.topic(),
                    mapper.readTree(event.getData() == null ? new byte[0] : event.getData().toBytes()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("event " + event.getId() + " is not one of renewd's: " + e.getMessage(), e);
        }
    }
}
