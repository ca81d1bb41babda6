package io.renewd.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.Mails;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * AutoRenew end to end, against real PostgreSQL, Kafka and SMTP: the sweep fires the action,
 * the relay publishes it, the renewer consumes it and obtains the certificate through the
 * issuer adapter, the notifier mails the contacts. Time is moved with the injected clock.
 */
@QuarkusTest
class RenewalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SweepDueActions sweep;

    private String vault;
    private String contact;

    @BeforeEach
    void vaultWithContact() {
        vault = TestVaults.create();
        contact = "pki-" + vault + "@example.com";
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"" + contact + "\", \"name\": \"PKI team\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aSelfSignedCertificateIsRenewedWhenItsAutoRenewActionFallsDue() throws Exception {
        create("web", "Self", "CN=web.example.com", "[\"web.example.com\", \"www.example.com\"]");
        String first = currentVersion("web");

        TestClock.advance(Duration.ofHours(20));
        sweepUntilIdle();

        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion("web").equals(first));
        X509Certificate renewed = certificate("web");
        assertThat(renewed.getSubjectX500Principal().getName()).isEqualTo("CN=web.example.com");
        assertThat(renewed.getIssuerX500Principal()).isEqualTo(renewed.getSubjectX500Principal());
        renewed.verify(renewed.getPublicKey());
        pending("web").body("status", is("completed"));

        JsonNode event = eventOn("renewd.certificate.renewed", "web", "renewed");
        assertThat(event.get("Version").asText()).isEqualTo(currentVersion("web"));
        assertThat(event.get("issuer").asText()).isEqualTo("Self");

        await().atMost(Duration.ofSeconds(90)).until(() -> subjects().stream().anyMatch(s -> s.contains(" renewed: new version")));
        var renewedMail = Mails.to(contact).stream().filter(m -> Mails.subject(m).contains(" renewed: new version")).findFirst().orElseThrow();
        assertThat(Mails.subject(renewedMail)).isEqualTo("[renewd] " + vault + "/web renewed: new version valid until "
                + format(renewed.getNotAfter().toInstant()));
        assertThat(Mails.text(renewedMail)).contains("Vault:        " + vault, "Certificate:  web", "Subject:      CN=web.example.com",
                "web.example.com, www.example.com", "Thumbprint (x5t): " + event.get("x5t").asText(), currentVersion("web"));
        assertThat(Mails.html(renewedMail)).contains("<b>" + vault + "/web</b>", "CN=web.example.com");
        var dueMail = Mails.to(contact).stream().filter(m -> Mails.subject(m).contains("will be renewed automatically")).findFirst().orElseThrow();
        assertThat(Mails.text(dueMail)).contains("lifetime_percentage:80", "issuer Self", first);

        String scrape = given().get("/q/metrics").asString();
        assertThat(scrape).containsPattern("(?m)^renewd_renewals_total\\{issuer=\"Self\",outcome=\"issued\"} [1-9]")
                .containsPattern("(?m)^renewd_renewal_duration_seconds_count\\{issuer=\"Self\",outcome=\"issued\"} [1-9]")
                .containsPattern("(?m)^renewd_mails_sent_total\\{kind=\"renewed\"} [1-9]")
                .containsPattern("(?m)^renewd_renewals_retries_pending [0-9.]+")
                .containsPattern("(?m)^renewd_mails_pending [0-9.]+");
    }

    @Test
    void anInternalCaIssuesChainedCertificatesAndAFailedRenewalIsMailedRetriedAndSucceedsOnceTheCaIsBack() throws Exception {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""")
                .post("/vaults/{v}/certificates/root-ca/create", vault).then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        X509Certificate ca = certificate("root-ca");

        create("svc", "team-ca", "CN=svc.internal", "[\"svc.internal\"]");
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(pending("svc").extract().path("status")));
        X509Certificate issued = certificate("svc");
        issued.verify(ca.getPublicKey());
        assertThat(issued.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        String first = currentVersion("svc");

        // The CA is disabled: the AutoRenew attempt fails, is published, mailed, and retried.
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/root-ca", vault).then().statusCode(200);
        TestClock.advance(Duration.ofHours(20));
        sweepUntilIdle();
        await().atMost(Duration.ofSeconds(30)).until(() -> "IssuerMisconfigured".equals(pending("svc").extract().path("error.code")));
        pending("svc").body("status", is("inProgress"));
        JsonNode failure = eventOn("renewd.certificate.failed", "svc", null);
        assertThat(failure.get("error").get("code").asText()).isEqualTo("IssuerMisconfigured");
        assertThat(failure.get("attempt").asInt()).isEqualTo(1);
        assertThat(failure.get("personMustAct").asBoolean()).isTrue();
        assertThat(failure.get("Version").asText()).isEqualTo(first);
        await().atMost(Duration.ofSeconds(90)).until(() -> subjects().contains("[renewd] Renewal of " + vault + "/svc failed (attempt 1)"));
        var failureMail = Mails.to(contact).stream().filter(m -> Mails.subject(m).contains("failed")).findFirst().orElseThrow();
        assertThat(Mails.text(failureMail)).contains("IssuerMisconfigured", "is disabled", "Next attempt:", "A person must act");

        // The CA is back: the next attempt, once its time has come, renews.
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": true}}")
                .patch("/vaults/{v}/certificates/root-ca", vault).then().statusCode(200);
        TestClock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion("svc").equals(first));
        X509Certificate renewed = certificate("svc");
        renewed.verify(ca.getPublicKey());
        pending("svc").body("status", is("completed")).body("status_details", is("issued by 'team-ca' after 2 attempts"));
        eventOn("renewd.certificate.renewed", "svc", "renewed");
    }

    private void create(String name, String issuer, String subject, String dnsNames) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "%s", "sans": {"dns_names": %s}, "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "%s"}}}""".formatted(subject, dnsNames, issuer))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private String currentVersion(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().extract().path("id");
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private X509Certificate certificate(String name) throws Exception {
        String cer = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("cer");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
    }

    private ValidatableResponse pending(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200);
    }

    private JsonNode eventOn(String topic, String name, String cause) throws Exception {
        var records = TopicReader.read(topic, r -> (vault + "/" + name).equals(r.key()) && (cause == null || cause.equals(causeOf(r.value()))),
                1, Duration.ofSeconds(30));
        assertThat(records).isNotEmpty();
        return JSON.readTree(records.getLast().value());
    }

    private static String causeOf(String data) {
        try {
            return JSON.readTree(data).path("cause").asText(null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> subjects() {
        return Mails.to(contact).stream().map(Mails::subject).toList();
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }

    private static String format(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(instant);
    }
}
