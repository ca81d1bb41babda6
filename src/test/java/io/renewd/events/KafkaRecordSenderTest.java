package io.renewd.events;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.RealServices;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class KafkaRecordSenderTest {

    @Inject
    KafkaRecordSender sender;

    @Test
    void recordSentThroughTheEventsChannelIsReadBackFromTheBrokerWithKeyAndHeaders() throws Exception {
        String topic = "renewd.test." + UUID.randomUUID();
        var record = new KafkaRecord(topic, "team-a/web-frontend",
                Map.of("ce_id", "3f1c", "ce_type", "io.renewd.test.Sent", "content-type", "application/json"),
                "{\"ObjectName\":\"web-frontend\"}");

        sender.send(record).toCompletableFuture().get(30, TimeUnit.SECONDS);

        List<ConsumerRecord<String, String>> received = readAll(topic, 1);
        assertThat(received).hasSize(1);
        ConsumerRecord<String, String> read = received.getFirst();
        assertThat(read.key()).isEqualTo("team-a/web-frontend");
        assertThat(read.value()).isEqualTo("{\"ObjectName\":\"web-frontend\"}");
        assertThat(header(read, "ce_id")).isEqualTo("3f1c");
        assertThat(header(read, "ce_type")).isEqualTo("io.renewd.test.Sent");
        assertThat(header(read, "content-type")).isEqualTo("application/json");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
