package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.renewd.config.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.runtime.PermanentFailure;
import io.renewd.testing.RealServices;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll's events go to the handler at once; when that fails, one by one, so an event the handler cannot take holds
 * back no other and is itself retried until it goes through, never lost; one that fails for good is counted and passed.
 * Against a real broker.
 */
class EventConsumerLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic = "loop-" + UUID.randomUUID();
    private final List<EventConsumerLoop> loops = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        loops.forEach(EventConsumerLoop::stop);
    }

    @Test
    void aPollsEventsAreHandledAtOnceAndEachOnlyOnce() throws Exception {
        List<UUID> sent = List.of(send("a"), send("b"), send("c"));
        RecordingHandler handler = new RecordingHandler(Set.of(), 0);
        start(handler);

        await().atMost(Duration.ofSeconds(60)).until(() -> handler.handled.keySet().containsAll(sent));
        assertThat(handler.oneByOne).as("no event went one by one").isEmpty();
        assertThat(handler.handled.values()).as("each event handled once").allMatch(n -> n.get() == 1);
    }

    @Test
    void anEventThatFailsHoldsBackNoOtherEventOfItsPollAndIsRetriedUntilHandled() throws Exception {
        UUID before = send("before");
        UUID poison = send("poison");
        UUID after = send("after");
        // Fails at once and twice alone, then goes through.
        RecordingHandler handler = new RecordingHandler(Set.of(poison), 2);
        start(handler);

        await().atMost(Duration.ofSeconds(60)).until(() -> handler.handled.keySet().containsAll(List.of(before, poison, after)));
        assertThat(handler.batchFailures.get()).as("the poll at once failed").isPositive();
        assertThat(handler.oneByOne).as("the failing event was tried alone again").containsSubsequence(poison, poison, poison);
        assertThat(handler.handled.get(poison).get()).isEqualTo(1);

        // Everything handled was committed: a new consumer of the group gets nothing of it again.
        aNewConsumerOfTheGroupGetsOnlyWhatIsSentLater();
    }

    @Test
    void anEventThatFailsForGoodIsCountedAndPassedSoTheEventsBehindItAreHandled() throws Exception {
        UUID before = send("before");
        UUID poison = send("poison");
        UUID after = send("after");
        RecordingHandler handler = new RecordingHandler(Set.of(poison), Integer.MAX_VALUE);
        handler.failForGood = true;
        start(handler);

        await().atMost(Duration.ofSeconds(60)).until(() -> handler.handled.keySet().containsAll(List.of(before, after)));
        assertThat(handler.handled).doesNotContainKey(poison);
        assertThat(handler.oneByOne).as("tried alone once, not again and again").containsOnlyOnce(poison);
        assertThat(registry.counter("renewd.events.set.aside", "group", handler.group()).count()).isEqualTo(1.0);

        // Passed for good, and committed: a new consumer of the group does not get it again.
        aNewConsumerOfTheGroupGetsOnlyWhatIsSentLater();
    }

    private void aNewConsumerOfTheGroupGetsOnlyWhatIsSentLater() throws Exception {
        stop();
        loops.clear();
        RecordingHandler next = new RecordingHandler(Set.of(), 0);
        start(next);
        UUID later = send("later");
        await().atMost(Duration.ofSeconds(60)).until(() -> next.handled.containsKey(later));
        assertThat(next.handled.keySet()).containsExactly(later);
    }

    private void start(EventHandler handler) {
        var settings = new KafkaClientSettings(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers()));
        EventConsumerLoop loop = new EventConsumerLoop(settings, handler, Duration.ofMillis(100), new EventReader(JSON), registry);
        loops.add(loop);
        loop.start();
    }

    private UUID send(String name) throws Exception {
        UUID id = UUID.randomUUID();
        var data = Map.of("VaultName", "loop", "ObjectName", name, "Version", "v1", "action", "AutoRenew");
        var event = CloudEventBuilder.v1().withId(id.toString()).withSource(URI.create("/vaults/loop")).withType(EventTypes.NEAR_EXPIRY)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8)).build();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, "loop/" + name, event)).get();
        }
        return id;
    }

    private static final class Unreadable extends PermanentFailure {
        Unreadable(String message) {
            super(message, null);
        }
    }

    /** Handles every event but those in {@code failing}, which fail in a batch always and alone {@code failuresAlone} times. */
    private final class RecordingHandler implements EventHandler {

        final Map<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
        final List<UUID> oneByOne = new CopyOnWriteArrayList<>();
        final AtomicInteger batchFailures = new AtomicInteger();
        private final Set<UUID> failing;
        private final AtomicInteger failuresAlone;
        /** Whether the failing events fail as stored data that cannot be read does: for good. */
        boolean failForGood;

        RecordingHandler(Set<UUID> failing, int failuresAlone) {
            this.failing = failing;
            this.failuresAlone = new AtomicInteger(failuresAlone);
        }

        @Override
        public String group() {
            return topic + "-group";
        }

        @Override
        public List<String> topics() {
            return List.of(topic);
        }

        @Override
        public Role role() {
            return Role.RENEWER;
        }

        @Override
        public void handle(UUID eventId, CertificateEvent event) {
            oneByOne.add(eventId);
            if (failing.contains(eventId) && failForGood) {
                // As a @Transactional handler throws it: wrapped.
                throw new IllegalStateException("transaction rolled back", new Unreadable("event " + eventId + " names unreadable data"));
            }
            if (failing.contains(eventId) && failuresAlone.getAndDecrement() > 0) {
                throw new IllegalStateException("cannot handle " + eventId + " yet");
            }
            handled.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void handleAll(List<Delivery> deliveries) {
            if (deliveries.stream().anyMatch(d -> failing.contains(d.id()))) {
                batchFailures.incrementAndGet();
                throw new IllegalStateException("a batch with a failing event");
            }
            deliveries.forEach(d -> handled.computeIfAbsent(d.id(), id -> new AtomicInteger()).incrementAndGet());
        }
    }
}
