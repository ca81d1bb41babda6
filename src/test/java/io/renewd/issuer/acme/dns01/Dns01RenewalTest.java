package io.renewd.issuer.acme.dns01;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.issuer.acme.AcmePebble;
import io.renewd.pki.PemCodec;
import io.renewd.store.AcmeDnsRecordEntity;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.testing.BindServer;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * DNS-01 end to end: renewd writes the {@code _acme-challenge} TXT records with TSIG-signed
 * RFC 2136 updates to a real BIND, and Pebble validates by reading them from that BIND. Through
 * the REST API and the renewer: wildcard and DNS-only names, a wrong TSIG secret, a DNS server
 * down at clean-up time, two orders writing the same name, and a CNAME-delegated challenge name.
 */
@QuarkusTest
class Dns01RenewalTest {

    private static final String ZONE = "dns01.test";
    private static final String DELEGATED_ZONE = "acme-dns.test";
    private static BindServer bind;
    private static PebbleServer pebble;

    @TestHTTPResource("/")
    URL renewd;

    @Inject
    SweepDueActions sweep;

    private String vault;
    private final List<String> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final java.util.logging.Handler logCapture = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            logged.add(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            if (record.getThrown() != null) {
                logged.add(String.valueOf(record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void stopCapturingLogs() {
        java.util.logging.Logger.getLogger("").removeHandler(logCapture);
    }

    @BeforeEach
    void servers() {
        synchronized (Dns01RenewalTest.class) {
            if (bind == null) {
                bind = BindServer.start(List.of(ZONE, DELEGATED_ZONE),
                        List.of("_acme-challenge.alias IN CNAME alias-challenge." + DELEGATED_ZONE + "."));
                pebble = AcmePebble.start(new PebbleServer.Options(AcmePebble.challengePort(), Map.of(), null, bind.address()));
            }
        }
        vault = TestVaults.create();
        putIssuer("le-dns", bind.secret(), null);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @AfterAll
    static void stopServers() {
        if (pebble != null) {
            pebble.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void aWildcardCertificateIsIssuedThroughDns01AndAutoRenewedAndNoTxtRecordStaysBehind() throws Exception {
        create("wild", List.of("*.wild.dns01.test", "wild.dns01.test"), "le-dns");
        awaitCompleted("wild");
        X509Certificate issued = leaf("wild");
        assertThat(issued.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder("*.wild.dns01.test", "wild.dns01.test");
        assertThat(bind.txt("_acme-challenge.wild.dns01.test")).isEmpty();
        assertThat(recordsLeft("wild")).isZero();

        String first = currentVersion("wild");
        Instant autoRenew = issued.getNotBefore().toInstant().plus(Duration.between(issued.getNotBefore().toInstant(),
                issued.getNotAfter().toInstant()).multipliedBy(80).dividedBy(100));
        TestClock.advance(Duration.between(Instant.now(), autoRenew).plusMinutes(1));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> !currentVersion("wild").equals(first) && "completed".equals(status("wild")));
        assertThat(leaf("wild").getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).contains("*.wild.dns01.test");
        assertThat(bind.txt("_acme-challenge.wild.dns01.test")).isEmpty();
    }

    @Test
    void aNameThatExistsOnlyInDnsIsIssuedAndRenewedOnRequest() throws Exception {
        // db.internal.dns01.test has no address anywhere: only DNS-01 can prove it.
        create("db", List.of("db.internal.dns01.test"), "le-dns");
        awaitCompleted("db");
        String first = currentVersion("db");
        assertThat(leaf("db").getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("db.internal.dns01.test");

        create("db", List.of("db.internal.dns01.test"), "le-dns");
        await().atMost(Duration.ofSeconds(90)).until(() -> !currentVersion("db").equals(first) && "completed".equals(status("db")));
        assertThat(bind.txt("_acme-challenge.db.internal.dns01.test")).isEmpty();
    }

    @Test
    void theTsigSecretIsSealedNeverShownAndKeptByAPatchThatDoesNotResendIt() {
        given().get("/vaults/{v}/certificates/issuers/le-dns", vault).then().statusCode(200)
                .body("acme.solvers[0].dns01.rfc2136.tsig_secret_set", is(true))
                .body("acme.solvers[0].dns01.rfc2136.tsig_key_name", is(BindServer.KEY_NAME))
                .body(not(containsString(bind.secret())));
        assertThat(storedSettings("le-dns")).doesNotContain(bind.secret()).contains(BindServer.KEY_NAME);

        given().contentType(ContentType.JSON).body("""
                        {"acme": {"solvers": [{"dns01": {"rfc2136": {"nameserver": "%s", "tsig_key_name": "%s"},
                          "check_nameservers": ["%s"], "propagation_timeout": "PT2M"}}]}}""".formatted(bind.address(), BindServer.KEY_NAME, bind.address()))
                .patch("/vaults/{v}/certificates/issuers/le-dns", vault).then().statusCode(200)
                .body("acme.solvers[0].dns01.propagation_timeout", is("PT2M"))
                .body("acme.solvers[0].dns01.rfc2136.tsig_secret_set", is(true));

        create("patched", List.of("patched.dns01.test"), "le-dns");
        awaitCompleted("patched");
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(bind.secret()));
    }

    @Test
    void aBadDns01SolverIsRefusedWithTheMemberNamed() {
        given().contentType(ContentType.JSON).body("""
                        {"provider": "acme", "acme": {"directory_url": "%s", "solvers": [{"dns01": {"rfc2136": {"nameserver": "%s",
                          "tsig_key_name": "k", "tsig_algorithm": "hmac-md5", "tsig_secret": "c2VjcmV0"}}}]}}""".formatted(pebble.directoryUrl(), bind.address()))
                .put("/vaults/{v}/certificates/issuers/bad", vault).then().statusCode(400)
                .body("error.message", containsString("acme.solvers[0].dns01.rfc2136.tsig_algorithm 'hmac-md5' is not supported"));
        given().get("/vaults/{v}/certificates/issuers/bad", vault).then().statusCode(404);
    }

    @Test
    void aWrongTsigSecretFailsTheOperationNamingTheRefusalAndLeavesNoRecord() {
        String wrongSecret = "d3JvbmctLXNlY3JldC0tZm9yLS10aGUtLXRlc3Qta2V5IQ==";
        putIssuer("le-wrong", wrongSecret, ZONE);
        create("wrong", List.of("wrong.dns01.test"), "le-wrong");

        await().atMost(Duration.ofSeconds(60)).until(() -> errorMessage("wrong") != null);
        assertThat(errorMessage("wrong")).contains("refused", "TSIG", "BADSIG", BindServer.KEY_NAME, "tsig_secret");
        assertThat(bind.txt("_acme-challenge.wrong.dns01.test")).isEmpty();
        assertThat(recordsLeft("wrong")).isZero();
        assertThat(logged).anyMatch(line -> line.contains("BADSIG")).noneMatch(line -> line.contains(wrongSecret));
    }

    @Test
    void aRecordThatCouldNotBeRemovedWhileTheDnsServerWasDownIsRemovedOnceItIsBack() {
        // The record is never visible at the server checked (nothing listens there): the order waits, then times out.
        String nobody = "127.0.0.1:" + (bind.port() == 65535 ? 65534 : bind.port() + 1);
        given().contentType(ContentType.JSON).body("""
                        {"provider": "acme", "acme": {"directory_url": "%s", "solvers": [{"dns01": {"rfc2136": {"nameserver": "%s",
                          "tsig_key_name": "%s", "tsig_secret": "%s"}, "check_nameservers": ["%s"], "propagation_timeout": "PT5M"}}]}}"""
                        .formatted(pebble.directoryUrl(), bind.address(), BindServer.KEY_NAME, bind.secret(), nobody))
                .put("/vaults/{v}/certificates/issuers/le-slow", vault).then().statusCode(200);
        create("down", List.of("down.dns01.test"), "le-slow");
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(details("down")).contains("_acme-challenge.down.dns01.test"));
        assertThat(details("down")).contains("waiting for", nobody);
        assertThat(bind.txt("_acme-challenge.down.dns01.test")).hasSize(1);

        bind.stop();
        try {
            TestClock.advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(60)).until(() -> errorMessage("down") != null);
            assertThat(errorMessage("down")).contains("_acme-challenge.down.dns01.test", nobody, "propagation_timeout");
            assertThat(recordsLeft("down")).isEqualTo(1);
            assertThat(lastError()).contains("did not answer");
        } finally {
            bind.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsLeft("down") == 0);
        assertThat(bind.txt("_acme-challenge.down.dns01.test")).isEmpty();
    }

    @Test
    void withoutCheckNameserversTheZonesAuthoritativeServersAreCheckedAndATimeoutRemovesTheRecord() {
        // dns01.test's NS is ns1.dns01.test, 127.0.0.1 at port 53, where this BIND does not listen.
        given().contentType(ContentType.JSON).body("""
                        {"provider": "acme", "acme": {"directory_url": "%s", "solvers": [{"dns01": {"rfc2136": {"nameserver": "%s",
                          "tsig_key_name": "%s", "tsig_secret": "%s"}, "propagation_timeout": "PT1M"}}]}}"""
                        .formatted(pebble.directoryUrl(), bind.address(), BindServer.KEY_NAME, bind.secret()))
                .put("/vaults/{v}/certificates/issuers/le-ns", vault).then().statusCode(200);
        create("ns", List.of("host.ns.dns01.test"), "le-ns");
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(details("ns")).contains("127.0.0.1:53"));
        assertThat(details("ns")).contains("waiting for", "_acme-challenge.host.ns.dns01.test", "of 60s");
        assertThat(bind.txt("_acme-challenge.host.ns.dns01.test")).hasSize(1);

        TestClock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> errorMessage("ns") != null);
        assertThat(errorMessage("ns")).contains("127.0.0.1:53", "PT1M", "propagation_timeout");
        assertThat(bind.txt("_acme-challenge.host.ns.dns01.test")).isEmpty();
        assertThat(recordsLeft("ns")).isZero();
    }

    @Test
    void twoOrdersForTheSameNameAtOnceEachRemoveOnlyTheirOwnValue() {
        // Another client's value at the same name must survive renewd's clean-up, like the other order's.
        String foreign = "another-clients-challenge-value";
        bind.addTxt(ZONE, "_acme-challenge.shared.dns01.test", foreign);
        var wildcard = CompletableFuture.runAsync(() -> create("shared-wild", List.of("*.shared.dns01.test"), "le-dns"));
        var plain = CompletableFuture.runAsync(() -> create("shared", List.of("shared.dns01.test"), "le-dns"));
        CompletableFuture.allOf(wildcard, plain).join();

        awaitCompleted("shared-wild");
        awaitCompleted("shared");
        assertThat(bind.txt("_acme-challenge.shared.dns01.test")).containsExactly(foreign);
    }

    @Test
    void aCnameOfTheChallengeNameIsFollowedAndTheRecordWrittenAtItsTarget() {
        create("alias", List.of("alias.dns01.test"), "le-dns");
        awaitCompleted("alias");
        assertThat(bind.log()).contains("alias-challenge." + DELEGATED_ZONE);
        assertThat(bind.txt("alias-challenge." + DELEGATED_ZONE)).isEmpty();
    }

    private void putIssuer(String name, String secret, String zone) {
        given().contentType(ContentType.JSON).body("""
                        {"provider": "acme", "acme": {"directory_url": "%s", "solvers": [{"dns01": {"rfc2136": {"nameserver": "%s",%s
                          "tsig_key_name": "%s", "tsig_algorithm": "hmac-sha256", "tsig_secret": "%s"}, "check_nameservers": ["%s"]}}]}}"""
                        .formatted(pebble.directoryUrl(), bind.address(), zone == null ? "" : " \"zone\": \"" + zone + "\",",
                                BindServer.KEY_NAME, secret, bind.address()))
                .put("/vaults/{v}/certificates/issuers/{i}", vault, name).then().statusCode(200);
    }

    private void create(String name, List<String> dnsNames, String issuer) {
        String sans = String.join("\", \"", dnsNames);
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "secret_props": {"contentType": "application/x-pem-file"},
                         "x509_props": {"subject": "CN=%s", "sans": {"dns_names": ["%s"]}},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "%s"}}}""".formatted(dnsNames.getFirst(), sans, issuer))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private void awaitCompleted(String name) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String status = status(name);
            if ("failed".equals(status)) {
                throw new AssertionError(name + " failed: " + given().get("/vaults/{v}/certificates/{n}/pending", vault, name).asString()
                        + "\nBIND log:\n" + bind.log());
            }
            return "completed".equals(status);
        });
    }

    private String status(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("status");
    }

    private String errorMessage(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("error.message");
    }

    private String details(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("status_details");
    }

    private String currentVersion(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().extract().path("id");
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }

    private X509Certificate leaf(String name) {
        String pem = given().get("/vaults/{v}/secrets/{n}", vault, name).then().statusCode(200).extract().path("value");
        return PemCodec.readCertificates(pem).getFirst();
    }

    /** Records renewd still means to remove for names under {@code label}.dns01.test. */
    private long recordsLeft(String label) {
        return QuarkusTransaction.requiringNew().call(() -> AcmeDnsRecordEntity.count("fqdn like ?1", "%." + label + "." + ZONE + "."));
    }

    private String lastError() {
        return QuarkusTransaction.requiringNew().call(() -> AcmeDnsRecordEntity.<AcmeDnsRecordEntity>findAll().stream()
                .map(r -> String.valueOf(r.lastError)).reduce("", String::concat));
    }

    private String storedSettings(String issuer) {
        return QuarkusTransaction.requiringNew().call(() -> CertificateIssuerEntity.<CertificateIssuerEntity>findById(
                new CertificateIssuerEntity.Key(vault, issuer)).settings);
    }
}
