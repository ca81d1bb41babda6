package io.renewd.events;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.Mails;
import io.renewd.testing.SaslKafka;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * renewd against a broker that accepts only SASL/SCRAM clients: the relay publishes, the
 * renewer renews on AutoRenew and the notifier mails, all with the {@code kafka.*} settings.
 */
@QuarkusTest
@TestProfile(SaslBroker.class)
class SaslBrokerTest {

    @Inject
    SweepDueActions sweep;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void theRelayAndBothConsumersWorkAgainstABrokerThatRequiresScram() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'Kafka broker' }.status", is("UP"));

        String vault = TestVaults.create();
        String contact = "sasl-" + vault + "@example.com";
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"" + contact + "\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=sasl.example.com", "sans": {"dns_names": ["sasl.example.com"]}, "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "Self"}}}""")
                .post("/vaults/{v}/certificates/{n}/create", vault, "sasl").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion(vault).isEmpty());
        String first = currentVersion(vault);

        TestClock.advance(Duration.ofHours(20));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }

        // The relay: the AutoRenew event is on the SCRAM broker.
        assertThat(read("renewd.certificate.near-expiry", vault + "/sasl")).isNotEmpty();
        // The renewer: the certificate is renewed.
        await().atMost(Duration.ofSeconds(60)).until(() -> !currentVersion(vault).equals(first));
        // The notifier: the contacts are told.
        await().atMost(Duration.ofSeconds(90)).until(() -> Mails.to(contact).stream()
                .anyMatch(m -> Mails.subject(m).contains(vault + "/sasl renewed: new version")));
    }

    private static String currentVersion(String vault) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, "sasl").then().extract().path("id");
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, String key) {
        var config = new HashMap<>(SaslKafka.get().clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }
}
