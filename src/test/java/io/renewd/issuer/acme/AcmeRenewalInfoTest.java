package io.renewd.issuer.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.CheckRenewalInfo;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.pki.PemCodec;
import io.renewd.testing.AriProxy;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * ACME Renewal Information (RFC 9773) and profiles against real Pebble behind {@link AriProxy}
 * (Debian's Pebble 2.4 has neither): the CA's window is fetched, shown and moves AutoRenew into
 * it; a window the CA moves earlier renews at once, published as NearExpiry with trigger ari,
 * and the renewal order names the certificate it replaces; the CA's Retry-After is honoured;
 * a profile is checked against the directory and sent with new orders.
 */
@QuarkusTest
class AcmeRenewalInfoTest {

    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of());
    private static AriProxy proxy;
    private static PebbleServer shortLivedPebble;
    private static AriProxy shortLivedProxy;

    @Inject
    SweepDueActions sweep;

    @Inject
    CheckRenewalInfo check;

    private String vault;

    @BeforeEach
    void pebbleBehindTheProxyAndVault() throws Exception {
        PebbleServer pebble = PEBBLE.get();
        if (proxy == null) {
            proxy = AriProxy.start(pebble);
            AcmePebble.trust("ari-proxy-" + proxy.directoryUrl().getPort(), proxy.tlsCertificate());
        }
        proxy.offerProfiles(Map.of());
        proxy.defaultWindow(null);
        vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + proxy.directoryUrl() + "\"}}")
                .put("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable server : new AutoCloseable[]{proxy, shortLivedProxy, shortLivedPebble}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e.getMessage());
            }
        }
        proxy = null;
        shortLivedProxy = null;
        shortLivedPebble = null;
        PEBBLE.close();
    }

    @Test
    void theCasWindowIsShownAutoRenewFallsInsideItAndItIsAskedForAgainOnlyAfterRetryAfter() {
        Instant now = TestClock.now();
        Instant start = now.plus(Duration.ofDays(10));
        Instant end = now.plus(Duration.ofDays(12));
        proxy.defaultWindow(new AriProxy.Window(start, end, Optional.of(URI.create("https://ca.example/why")), Duration.ofHours(6)));
        create("le");
        String certId = AcmeRenewalInfo.certId(leaf());

        awaitRenewalInfoRequests(certId, 1);
        JsonPath renewal = renewal();
        assertThat(renewal.getLong("ari.start")).isEqualTo(start.getEpochSecond());
        assertThat(renewal.getLong("ari.end")).isEqualTo(end.getEpochSecond());
        assertThat(renewal.getString("ari.explanationUrl")).isEqualTo("https://ca.example/why");
        assertThat(renewal.getLong("ari.lastChecked")).isBetween(now.getEpochSecond() - 1, TestClock.now().getEpochSecond());
        assertThat(renewal.getLong("ari.nextCheck")).isBetween(now.plus(Duration.ofHours(6)).getEpochSecond() - 1,
                TestClock.now().plus(Duration.ofHours(6)).getEpochSecond() + 1);
        assertThat(renewal.getString("next.action")).isEqualTo("AutoRenew");
        assertThat(renewal.getString("next.trigger")).isEqualTo("ari");
        assertThat(renewal.getLong("next.dueAt")).isBetween(start.getEpochSecond(), end.getEpochSecond());

        // Retry-After 6h: not asked again before, asked again after.
        TestClock.advance(Duration.ofHours(5).plusMinutes(50));
        check.checkDue();
        assertThat(proxy.renewalInfoRequests(certId)).isEqualTo(1);
        TestClock.advance(Duration.ofMinutes(11));
        awaitRenewalInfoRequests(certId, 2);

        // The CA cannot answer: the version keeps its window and AutoRenew, the failure is shown, and renewd asks again in an hour.
        long dueAt = renewal().getLong("next.dueAt");
        proxy.defaultWindow(null);
        TestClock.advance(Duration.ofHours(6).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            check.checkDue();
            return renewal().get("ari.error") != null;
        });
        renewal = renewal();
        assertThat(renewal.getString("ari.error")).contains("renewal information could not be read");
        assertThat(renewal.getLong("ari.start")).isEqualTo(start.getEpochSecond());
        assertThat(renewal.getLong("next.dueAt")).isEqualTo(dueAt);
        assertThat(renewal.getLong("ari.nextCheck")).isBetween(TestClock.now().plus(Duration.ofMinutes(59)).getEpochSecond(),
                TestClock.now().plus(Duration.ofHours(1)).getEpochSecond());
    }

    @Test
    void aWindowTheCaMovesEarlierRenewsAtOncePublishedWithTriggerAriAndTheOrderSaysWhatItReplaces() throws Exception {
        Instant now = TestClock.now();
        proxy.defaultWindow(new AriProxy.Window(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(32)), Optional.empty(),
                Duration.ofHours(1)));
        create("le");
        X509Certificate first = leaf();
        String certId = AcmeRenewalInfo.certId(first);
        awaitRenewalInfoRequests(certId, 1);
        assertThat(renewal().getString("next.trigger")).isEqualTo("ari");
        int ordersBefore = proxy.newOrders().size();

        // A mass revocation: the CA moves the window into the past.
        proxy.window(certId, new AriProxy.Window(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                Optional.of(URI.create("https://ca.example/incident")), Duration.ofHours(1)));
        TestClock.advance(Duration.ofHours(1).plusMinutes(1));
        awaitRenewalInfoRequests(certId, 2);
        sweepUntilIdle();

        var nearExpiry = TopicReader.read("renewd.certificate.near-expiry",
                r -> (vault + "/shop").equals(r.key()) && r.value().matches("(?s).*\"trigger\"\\s*:\\s*\"ari\".*"), 1, Duration.ofSeconds(30));
        assertThat(nearExpiry).isNotEmpty();
        assertThat(nearExpiry.getFirst().value()).containsPattern("\"action\"\\s*:\\s*\"AutoRenew\"");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/events/near-expiry.schema.json")));
        assertThat(schema.validate(new ObjectMapper().readTree(nearExpiry.getFirst().value()))).isEmpty();
        await().atMost(Duration.ofSeconds(90)).until(() -> !leaf().equals(first));

        List<JsonNode> orders = proxy.newOrders();
        assertThat(orders.subList(0, ordersBefore)).allSatisfy(order -> assertThat(order.has("replaces")).isFalse());
        assertThat(orders.subList(ordersBefore, orders.size())).isNotEmpty()
                .allSatisfy(order -> assertThat(order.path("replaces").asText()).isEqualTo(certId));
        // The new version is followed in its turn, inside the CA's window for it.
        String renewedId = AcmeRenewalInfo.certId(leaf());
        awaitRenewalInfoRequests(renewedId, 1);
        assertThat(renewal().getString("next.trigger")).isEqualTo("ari");
        assertThat(renewal().getLong("next.dueAt")).isBetween(now.plus(Duration.ofDays(30)).getEpochSecond(), now.plus(Duration.ofDays(32)).getEpochSecond());
    }

    @Test
    void aProfileTheDirectoryDoesNotListIsRefusedAndNothingIsStored() {
        proxy.offerProfiles(Map.of("classic", "the CA's default", "tlsserver", "45 days"));

        given().contentType(ContentType.JSON)
                .body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + proxy.directoryUrl() + "\", \"profile\": \"shortlived\"}}")
                .put("/vaults/{v}/certificates/issuers/short", vault)
                .then().statusCode(400)
                .body("error.code", is("BadParameter"))
                .body("error.message", containsString("does not list acme.profile 'shortlived' (it lists classic, tlsserver)"));
        given().get("/vaults/{v}/certificates/issuers/short", vault).then().statusCode(404);

        // The same for a PATCH of an existing issuer: it keeps what it had.
        given().contentType(ContentType.JSON).body("{\"acme\": {\"profile\": \"shortlived\"}}")
                .patch("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(400);
        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200).body("acme.profile", is((Object) null));
    }

    @Test
    void aShortLivedProfileIsSentWithEveryOrderSchedulesInsideItsSixDaysAndFailsClearlyOnceTheCaDropsIt() {
        if (shortLivedPebble == null) {
            // Pebble 2.4 knows no profiles: this one issues the 6-day certificates Let's Encrypt's shortlived profile does.
            shortLivedPebble = AcmePebble.start(new PebbleServer.Options(AcmePebble.challengePort(), Map.of(), Duration.ofDays(6), null));
            shortLivedProxy = AriProxy.start(shortLivedPebble);
            try {
                AcmePebble.trust("ari-proxy-" + shortLivedProxy.directoryUrl().getPort(), shortLivedProxy.tlsCertificate());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        shortLivedProxy.offerProfiles(Map.of("classic", "90 days", "shortlived", "6 days"));
        // The CA suggests renewing a 6-day certificate in its fourth day.
        Instant start = TestClock.now().plus(Duration.ofDays(3));
        Instant end = TestClock.now().plus(Duration.ofDays(4));
        shortLivedProxy.defaultWindow(new AriProxy.Window(start, end, Optional.empty(), Duration.ofHours(6)));
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \""
                        + shortLivedProxy.directoryUrl() + "\", \"profile\": \"shortlived\"}}")
                .put("/vaults/{v}/certificates/issuers/short", vault).then().statusCode(200).body("acme.profile", is("shortlived"));

        create("short");
        X509Certificate issued = leaf();
        assertThat(shortLivedProxy.newOrders().getLast().path("profile").asText()).isEqualTo("shortlived");
        Instant notBefore = issued.getNotBefore().toInstant();
        Instant notAfter = issued.getNotAfter().toInstant();
        assertThat(Duration.between(notBefore, notAfter)).isBetween(Duration.ofDays(6).minusMinutes(1), Duration.ofDays(6).plusMinutes(1));
        // The CA's window moves AutoRenew from 80 % of the 6 days into the fourth day; without it, the policy's 80 % applies.
        String certId = AcmeRenewalInfo.certId(issued);
        awaitRenewalInfoRequests(shortLivedProxy, certId, 1);
        // Near-expiry notices longer than the lifetime are due at issuance (short-lived notices are another rule's): out of the way.
        sweepUntilIdle();
        JsonPath renewal = renewal();
        assertThat(renewal.getString("next.action")).isEqualTo("AutoRenew");
        assertThat(renewal.getString("next.trigger")).isEqualTo("ari");
        assertThat(renewal.getLong("next.dueAt")).isBetween(start.getEpochSecond(), end.getEpochSecond());
        shortLivedProxy.offerRenewalInfo(false);
        TestClock.advance(Duration.ofHours(6).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            check.checkDue();
            return renewal().get("ari") == null;
        });
        sweepUntilIdle();
        renewal = renewal();
        assertThat(renewal.getString("next.trigger")).isEqualTo("lifetime_percentage:80");
        Instant at80 = notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(80).dividedBy(100));
        assertThat(renewal.getLong("next.dueAt")).isBetween(at80.getEpochSecond() - 1, notAfter.getEpochSecond());
        shortLivedProxy.offerRenewalInfo(true);

        // The CA stops offering the profile: the next order fails for a person to act, saying why.
        shortLivedProxy.offerProfiles(Map.of("classic", "90 days"));
        int orders = shortLivedProxy.newOrders().size();
        requestCreate("short");
        await().atMost(Duration.ofSeconds(60)).until(() -> "Misconfigured".equals(
                given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("error.code")));
        given().get("/vaults/{v}/certificates/shop/pending", vault).then()
                .body("error.message", containsString("does not list acme.profile 'shortlived' (it lists classic)"));
        assertThat(shortLivedProxy.newOrders()).hasSize(orders);
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }

    private void create(String issuer) {
        requestCreate(issuer);
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("status")));
    }

    private void requestCreate(String issuer) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "secret_props": {"contentType": "application/x-pem-file"},
                         "x509_props": {"subject": "CN=shop.renewd.test", "sans": {"dns_names": ["shop.renewd.test"]}},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "%s"}}}""".formatted(issuer))
                .post("/vaults/{v}/certificates/shop/create", vault).then().statusCode(202);
    }

    private X509Certificate leaf() {
        String pem = given().get("/vaults/{v}/secrets/shop", vault).then().statusCode(200).extract().path("value");
        return PemCodec.readCertificates(pem).getFirst();
    }

    private JsonPath renewal() {
        return given().get("/vaults/{v}/certificates/shop", vault).then().statusCode(200).extract().jsonPath().setRootPath("renewal");
    }

    private void awaitRenewalInfoRequests(String certId, int count) {
        awaitRenewalInfoRequests(proxy, certId, count);
    }

    /** The scheduled check runs too: either may ask first; once asked, the answer must be stored. */
    private void awaitRenewalInfoRequests(AriProxy server, String certId, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            check.checkDue();
            return server.renewalInfoRequests(certId) >= count && renewal().get("ari.lastChecked") != null
                    && renewal().getLong("ari.lastChecked") >= TestClock.now().getEpochSecond() - 60;
        });
    }
}
