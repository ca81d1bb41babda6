package io.renewd.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.events.EventOutbox;
import io.renewd.testing.SqlCount;
import io.renewd.testing.Mails;
import io.renewd.testing.RealServices;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The notifier against real Kafka, PostgreSQL and SMTP: the right mails, once each, and none lost to an SMTP outage. */
@QuarkusTest
class NotifierTest {

    @Inject
    SweepDueActions sweep;
    @Inject
    EventOutbox outbox;
    @Inject
    DataSource dataSource;

    private String vault;
    private String contact;

    @BeforeEach
    void vaultWithContact() {
        var created = TestVaults.createWithContact("ops");
        vault = created.vault();
        contact = created.contact();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aManualRenewalMailNamesTheCertificateAndTheStepsAndARedeliveredEventSendsNothingTwice() throws Exception {
        create("portal", "EmailContacts", "PT24H");
        TestClock.advance(Duration.ofHours(20));
        sweepUntilIdle();

        await().atMost(Duration.ofSeconds(90)).until(() -> manualMails().size() == 1);
        var mail = manualMails().getFirst();
        assertThat(Mails.subject(mail)).isEqualTo("[renewd] Action needed: renew " + vault + "/portal, 0 days left");
        assertThat(Mails.text(mail)).contains("Vault:        " + vault, "Certificate:  portal", "Subject:      CN=portal.example.com",
                "Names (SANs): portal.example.com", "(0 days left)", "GET http://localhost:8080/vaults/" + vault + "/certificates/portal/pending",
                "/pending/merge", "Have the CSR signed");
        assertThat(Mails.html(mail)).contains("<b>" + vault + "/portal</b>", "<ol>");

        // Kafka delivers the same event again (a consumer restart before its commit): no second mail.
        var event = TopicReader.read("renewd.certificate.near-expiry", r -> (vault + "/portal").equals(r.key()), 1, Duration.ofSeconds(10)).getFirst();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            var again = new ProducerRecord<>(event.topic(), event.key(), event.value());
            event.headers().forEach(header -> again.headers().add(header));
            producer.send(again).get();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> consumed(TopicReader.header(event, "ce_id")) == 1);
        assertThat(count("select count(*) from mail_outbox where vault = ? and kind = 'manual-renewal'")).isEqualTo(1);
        assertThat(manualMails()).hasSize(1);
    }

    @Test
    void aMailTheSmtpServerCouldNotTakeIsDeliveredOnceItIsBack() throws Exception {
        create("billing", "EmailContacts", "PT24H");
        RealServices.get().stopSmtp();
        try {
            TestClock.advance(Duration.ofHours(20));
            sweepUntilIdle();
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from mail_outbox where vault = ?"
                    + " and kind = 'manual-renewal' and attempts > 0 and sent_at is null and last_error is not null") == 1);
        } finally {
            RealServices.get().startSmtp();
        }
        assertThat(Mails.to(contact)).isEmpty();

        TestClock.advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(90)).until(() -> manualMails().size() == 1);
        assertThat(Mails.subject(manualMails().getFirst())).contains("Action needed: renew " + vault + "/billing");
        // The mail reaches the server before the outbox row that sent it is committed as sent.
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from mail_outbox where vault = ?"
                + " and kind = 'manual-renewal' and sent_at is not null and attempts >= 2") == 1);
    }

    @Test
    void aCertificateThatKeepsFailingIsMailedAtMostDailyAndAtEachThreshold() throws Exception {
        create("api", "EmailContacts", "P30D");
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        failure(notBefore, notBefore.plus(Duration.ofDays(20)), 1);
        await().atMost(Duration.ofSeconds(90)).until(() -> failureMails() == 1);
        failure(notBefore, notBefore.plus(Duration.ofDays(20)), 2);
        failure(notBefore, notBefore.plus(Duration.ofDays(20)), 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumedFailures() == 3);
        assertThat(failureMails()).as("the same day, no threshold: no new mail").isEqualTo(1);

        failure(notBefore, Instant.now().plus(Duration.ofDays(6)), 4);
        await().atMost(Duration.ofSeconds(90)).until(() -> failureMails() == 2);
        failure(notBefore, Instant.now().plus(Duration.ofDays(5)), 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumedFailures() == 5);
        assertThat(failureMails()).as("7-day threshold already told").isEqualTo(2);

        TestClock.advance(Duration.ofHours(25));
        failure(notBefore, Instant.now().plus(Duration.ofDays(5)), 6);
        await().atMost(Duration.ofSeconds(90)).until(() -> failureMails() == 3);

        var last = Mails.to(contact).stream().filter(m -> Mails.subject(m).contains("(attempt 6)")).findFirst().orElseThrow();
        assertThat(Mails.text(last)).contains("IssuerUnavailable: the CA did not answer", "This may pass by itself", "Next attempt:");
    }

    @Test
    void aVaultWithoutContactsGetsNoMailAndIsCounted() throws Exception {
        given().contentType(ContentType.JSON).body("{\"contacts\": []}").put("/vaults/{v}/certificates/contacts", vault).then();
        given().delete("/vaults/{v}/certificates/contacts", vault).then();
        create("quiet", "EmailContacts", "PT24H");
        TestClock.advance(Duration.ofHours(20));
        sweepUntilIdle();

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/metrics").asString()
                .contains("renewd_mails_skipped_total{kind=\"manual-renewal\",reason=\"no-contacts\"}"));
        assertThat(count("select count(*) from mail_outbox where vault = ?")).isZero();
    }

    /**
     * A failed attempt as the renewer records it: the operation holds the failure and the event points at it. The
     * version's expiry is set to {@code notAfter}, so the escalation sees that many days left.
     */
    private void failure(Instant notBefore, Instant notAfter, int attempt) throws Exception {
        String id = given().get("/vaults/{v}/certificates/api", vault).then().extract().path("id");
        String version = id.substring(id.lastIndexOf('/') + 1);
        Instant nextAttempt = TestClock.now().plus(Duration.ofMinutes(5));
        try (var connection = dataSource.getConnection();
             var operation = connection.prepareStatement("update certificate_operation set error_code = 'IssuerUnavailable',"
                     + " error_message = 'the CA did not answer', attempts = ?, next_attempt_at = ?, person_must_act = false"
                     + " where certificate_id = (select id from certificate where vault = ? and name = 'api')");
             var expiry = connection.prepareStatement("update certificate_version set not_after = ? where version = ?")) {
            operation.setInt(1, attempt);
            operation.setTimestamp(2, java.sql.Timestamp.from(nextAttempt));
            operation.setString(3, vault);
            assertThat(operation.executeUpdate()).isEqualTo(1);
            expiry.setTimestamp(1, java.sql.Timestamp.from(notAfter));
            expiry.setString(2, version);
            assertThat(expiry.executeUpdate()).isEqualTo(1);
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.write(new CertificateEvent.RenewalFailed(vault, "api",
                version, notBefore, notAfter, "IssuerUnavailable", "the CA did not answer",
                attempt, nextAttempt, false, "team-ca")));
    }

    private long failureMails() {
        return Mails.to(contact).stream().filter(m -> Mails.subject(m).startsWith("[renewd] Renewal of")).count();
    }

    private long consumedFailures() throws Exception {
        return count("select count(*) from consumed_event e join outbox o on o.id = e.event_id where e.consumer = 'notifier'"
                + " and o.aggregateid = ? || '/api' and o.type = 'io.renewd.certificate.RenewalFailed'");
    }

    private long consumed(String eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select count(*) from consumed_event where consumer = 'notifier' and event_id = ?::uuid")) {
            statement.setString(1, eventId);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private long count(String sql) {
        return SqlCount.of(dataSource, sql, vault);
    }

    private void create(String name, String action, String validity) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=%s.example.com", "sans": {"dns_names": ["%s.example.com"]}, "validity": "%s"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "%s"}}]}}"""
                        .formatted(name, name, validity, action))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }

    private List<jakarta.mail.internet.MimeMessage> manualMails() {
        return Mails.to(contact).stream().filter(m -> Mails.subject(m).startsWith("[renewd] Action needed")).toList();
    }
}
