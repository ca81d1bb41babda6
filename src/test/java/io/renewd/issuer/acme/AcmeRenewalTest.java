package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.pki.PemCodec;
import io.renewd.testing.Mails;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * Certificates from a real ACME CA through the renewer: Pebble validates HTTP-01 against this
 * test's renewd, issues on create and on request, and renews when AutoRenew falls due (the
 * clock is moved); while the CA is down the attempt fails, is published and mailed, and is
 * retried until the CA is back.
 */
@QuarkusTest
class AcmeRenewalTest {

    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of());
    private PebbleServer pebble;

    @Inject
    SweepDueActions sweep;

    private String vault;
    private String contact;

    @BeforeEach
    void pebbleAndVault() {
        pebble = PEBBLE.get();
        vault = TestVaults.create();
        contact = "web-" + vault + "@example.com";
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"" + contact + "\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"}}")
                .put("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @AfterAll
    static void stopPebble() {
        PEBBLE.close();
    }

    @Test
    void aCertificateOrderedFromTheAcmeIssuerComesWithItsChainAndGetsANewVersionOnRequest() throws Exception {
        create();
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status()));
        String first = currentVersion();
        List<X509Certificate> chain = secretChain();
        assertThat(chain.getFirst().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("shop.renewd.test");
        assertChainLeadsToPebble(chain);

        create();
        await().atMost(Duration.ofSeconds(60)).until(() -> !currentVersion().equals(first) && "completed".equals(status()));
        assertChainLeadsToPebble(secretChain());
        assertThat(secretChain().getFirst().getPublicKey()).isNotEqualTo(chain.getFirst().getPublicKey());
    }

    @Test
    void whenAutoRenewFallsDueWhileTheCaIsDownTheFailureIsPublishedMailedAndRetriedUntilTheCaIsBack() throws Exception {
        create();
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status()));
        String first = currentVersion();
        X509Certificate issued = secretChain().getFirst();
        Instant autoRenew = issued.getNotBefore().toInstant().plus(Duration.between(issued.getNotBefore().toInstant(),
                issued.getNotAfter().toInstant()).multipliedBy(80).dividedBy(100));

        pebble.stopAcmeServer();
        try {
            TestClock.advance(Duration.between(Instant.now(), autoRenew).plusMinutes(1));
            sweepUntilIdle();
            await().atMost(Duration.ofSeconds(60)).until(() -> "IssuerUnavailable".equals(
                    given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("error.code")));
            var failed = TopicReader.read("renewd.certificate.failed", r -> (vault + "/shop").equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(failed).isNotEmpty();
            assertThat(failed.getFirst().value()).contains("IssuerUnavailable", "\"personMustAct\": false");
            // The notifier may still be working through earlier tests' events: give it time.
            await().atMost(Duration.ofSeconds(90)).until(() -> Mails.to(contact).stream()
                    .anyMatch(m -> Mails.subject(m).equals("[renewd] Renewal of " + vault + "/shop failed (attempt 1)")));
        } finally {
            pebble.startAcmeServer();
        }

        // The CA is back (it forgot renewd's account: renewd registers again). Each retry comes when its time has come.
        for (int i = 0; i < 6 && currentVersion().equals(first); i++) {
            int before = attempts();
            TestClock.advance(Duration.ofHours(7));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !currentVersion().equals(first) || attempts() > before);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !currentVersion().equals(first));
        assertChainLeadsToPebble(secretChain());
        var renewed = TopicReader.read("renewd.certificate.renewed", r -> (vault + "/shop").equals(r.key()) && r.value().contains("\"renewed\""),
                1, Duration.ofSeconds(30));
        assertThat(renewed).isNotEmpty();
        await().atMost(Duration.ofSeconds(90)).until(() -> Mails.to(contact).stream().anyMatch(m -> Mails.subject(m).contains("/shop renewed: new version")));
    }

    private void create() {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "secret_props": {"contentType": "application/x-pem-file"},
                         "x509_props": {"subject": "CN=shop.renewd.test", "sans": {"dns_names": ["shop.renewd.test"]}},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "le"}}}""")
                .post("/vaults/{v}/certificates/shop/create", vault).then().statusCode(202).body("status", is("inProgress"));
    }

    private String status() {
        return given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("status");
    }

    private int attempts() {
        String details = given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("status_details");
        var matcher = java.util.regex.Pattern.compile("attempt (\\d+) failed").matcher(String.valueOf(details));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private String currentVersion() {
        String id = given().get("/vaults/{v}/certificates/shop", vault).then().extract().path("id");
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private List<X509Certificate> secretChain() {
        String pem = given().get("/vaults/{v}/secrets/shop", vault).then().statusCode(200).extract().path("value");
        return PemCodec.readCertificates(pem);
    }

    private void assertChainLeadsToPebble(List<X509Certificate> chain) throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pebble.issuingRootPem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        List<X509Certificate> path = new ArrayList<>(chain.stream().filter(c -> !c.equals(root)).toList());
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }
}
