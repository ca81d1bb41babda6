package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.SqlCount;
import io.renewd.testing.Mails;
import io.renewd.testing.RealServices;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anyone who can write to renewd's topics can produce an event with valid CloudEvents headers.
 * The consumers take such an event as a pointer only: what a mail says and whether a certificate
 * is renewed come from the database, so a forged event puts no text into a mail and renews nothing.
 */
@QuarkusTest
class ForgedEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORGED = "FORGED: your key leaked, send the new one to attacker@evil.example";

    @Inject
    DataSource dataSource;

    private String vault;
    private String contact;

    @BeforeEach
    void vaultWithContact() {
        var created = TestVaults.createWithContact("sec");
        vault = created.vault();
        contact = created.contact();
    }

    @Test
    void aForgedRenewalFailedPutsNoTextIntoAMailWhenTheDatabaseKnowsNoSuchFailure() throws Exception {
        create("portal", "AutoRenew", "Self");
        String version = currentVersion("portal");

        Map<String, Object> data = common("portal", version);
        data.put("error", Map.of("code", "IssuerUnavailable", "message", FORGED));
        data.put("attempt", 1);
        data.put("nextAttempt", Instant.now().plusSeconds(300).toString());
        data.put("personMustAct", true);
        data.put("issuer", FORGED);
        UUID id = forge("renewd.certificate.failed", EventTypes.RENEWAL_FAILED, "portal", data);

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed("notifier", id));
        assertNoForgedMail();
    }

    @Test
    void aForgedNearExpiryWithForgedTextPutsNoTextIntoAMailWhenItsActionDidNotFire() throws Exception {
        create("billing", "EmailContacts", "Self");
        Map<String, Object> data = common("billing", currentVersion("billing"));
        data.put("action", "EmailContacts");
        data.put("trigger", FORGED);
        data.put("daysLeft", 0);
        data.put("late", false);
        data.put("issuer", FORGED);
        UUID id = forge("renewd.certificate.near-expiry", EventTypes.NEAR_EXPIRY, "billing", data);

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed("notifier", id));
        assertNoForgedMail();
        assertThat(count("select count(*) from mail_outbox where vault = ? and kind = 'manual-renewal'")).isZero();
    }

    @Test
    void aForgedAutoRenewRenewsNoCertificateWhosePolicyHasNoAutoRenewAction() throws Exception {
        create("mail-only", "EmailContacts", "Self");
        assertForgedAutoRenewIsRefused("mail-only", currentVersion("mail-only"));
    }

    @Test
    void aForgedAutoRenewRenewsNoCertificateWhoseAutoRenewActionHasNotFired() throws Exception {
        create("not-due", "AutoRenew", "Self");
        assertForgedAutoRenewIsRefused("not-due", currentVersion("not-due"));
    }

    @Test
    void aForgedAutoRenewNamingAnOlderVersionRenewsNothing() throws Exception {
        create("older", "AutoRenew", "Self");
        String first = currentVersion("older");
        given().contentType(ContentType.JSON).body("{}").post("/vaults/{v}/certificates/{n}/create", vault, "older").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion("older").equals(first));
        assertForgedAutoRenewIsRefused("older", first);
    }

    @Test
    void anEventRenewdCannotReadIsSkippedWithoutHoldingUpTheEventsAfterIt() throws Exception {
        create("kiosk", "EmailContacts", "Self");
        String version = currentVersion("kiosk");
        Map<String, Object> unreadable = common("kiosk", version);
        unreadable.put("action", "Notice");
        unreadable.put("late", "yes");
        UUID skipped = forge("renewd.certificate.near-expiry", EventTypes.NEAR_EXPIRY, "kiosk", unreadable);
        Map<String, Object> readable = common("kiosk", version);
        readable.put("action", "Notice");
        // Same key, same partition: it is handled only if the unreadable event before it was skipped, not retried forever.
        UUID next = forge("renewd.certificate.near-expiry", EventTypes.NEAR_EXPIRY, "kiosk", readable);

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed("notifier", next));
        assertThat(consumed("notifier", skipped)).as("the unreadable event was not handled").isFalse();
        assertNoForgedMail();
    }

    private void assertForgedAutoRenewIsRefused(String name, String version) throws Exception {
        String before = currentVersion(name);
        long versionsBefore = versions(name);
        Map<String, Object> data = common(name, version);
        data.put("action", "AutoRenew");
        data.put("trigger", "lifetime_percentage:80");
        data.put("daysLeft", 0);
        data.put("late", false);
        data.put("issuer", "Self");
        UUID id = forge("renewd.certificate.near-expiry", EventTypes.NEAR_EXPIRY, name, data);

        // The renewer remembers the event in the transaction that would open the renewal: no operation now, no version later.
        await().atMost(Duration.ofSeconds(60)).until(() -> consumed("renewer", id));
        assertThat(currentVersion(name)).as("no new version").isEqualTo(before);
        assertThat(versions(name)).isEqualTo(versionsBefore);
        assertThat(count("select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id"
                + " where c.vault = ? and o.renews_version is not null")).as("no renewal operation").isZero();
    }

    private void assertNoForgedMail() throws Exception {
        // The notifier remembers the event in the transaction that queues its mail: nothing queued now is queued later.
        assertThat(count("select count(*) from mail_outbox where vault = ? and (text_body like '%FORGED%' or subject like '%FORGED%')"))
                .as("no queued mail with the forged text").isZero();
        assertThat(Mails.to(contact)).noneMatch(m -> Mails.text(m).contains("FORGED") || Mails.subject(m).contains("FORGED"));
    }

    private Map<String, Object> common(String name, String version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Id", "http://localhost:8080/vaults/" + vault + "/certificates/" + name + "/" + version);
        data.put("VaultName", vault);
        data.put("ObjectType", "Certificate");
        data.put("ObjectName", name);
        data.put("Version", version);
        data.put("NBF", Instant.now().minusSeconds(3600).getEpochSecond());
        data.put("EXP", Instant.now().plusSeconds(3600).getEpochSecond());
        return data;
    }

    /** Produces an event the way the relay does (binary CloudEvents headers), straight to the topic. */
    private UUID forge(String topic, String type, String name, Map<String, Object> data) throws Exception {
        UUID id = UUID.randomUUID();
        var event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/vaults/" + vault))
                .withType(type)
                .withSubject(name)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8))
                .build();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, vault + "/" + name, event)).get();
        }
        return id;
    }

    private void create(String name, String action, String issuer) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=%s.example.com", "sans": {"dns_names": ["%s.example.com"]}, "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "%s"}}],
                         "issuer": {"name": "%s"}}}""".formatted(name, name, action, issuer))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion(name).isEmpty());
    }

    private String currentVersion(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().extract().path("id");
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private long versions(String name) throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id"
                     + " where c.vault = ? and c.name = ?")) {
            statement.setString(1, vault);
            statement.setString(2, name);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private boolean consumed(String consumer, UUID eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select count(*) from consumed_event where consumer = ? and event_id = ?")) {
            statement.setString(1, consumer);
            statement.setObject(2, eventId);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) == 1;
            }
        }
    }

    private long count(String sql) {
        return SqlCount.of(dataSource, sql, vault);
    }
}
