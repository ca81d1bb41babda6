package io.renewd.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import io.renewd.testing.Mails;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestDatabase;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A certificate whose stored policy this release can no longer read (stricter rules after an upgrade, a hand-edited row)
 * falls due for AutoRenew. Its renewal must neither hold back the renewals queued behind it on the same partition (another
 * certificate, here of the same vault) nor fail in silence: it fails as a refused attempt does (RenewalFailed, a mail, a
 * person must act), and setting a valid policy is all it takes for the next attempt to renew it.
 */
@QuarkusTest
class UnreadablePolicyRenewalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SweepDueActions sweep;

    @Inject
    PolicyJson policyJson;

    private String vault;
    private String contact;

    @BeforeEach
    void vaultWithContact() {
        vault = TestVaults.create();
        contact = "pki-" + vault + "@example.com";
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"" + contact + "\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aRenewalWhosePolicyCannotBeReadIsReportedHoldsBackNoOtherAndGoesOnOnceThePolicyIsMended() throws Exception {
        create("broken");
        // A minute later: its AutoRenew falls due, and is published, before the other one's.
        TestClock.advance(Duration.ofMinutes(1));
        create("fine");
        String brokenFirst = currentVersion("broken");
        String fineFirst = currentVersion("fine");
        TestDatabase.execute("""
                update certificate set policy = jsonb_set(jsonb_set(policy, '{x509,validity}', 'null'), '{x509,validityMonths}', '0')
                where vault = ? and name = 'broken'""", vault);
        String stored = TestDatabase.strings("select policy::text from certificate where vault = ? and name = 'broken'", vault).getFirst();
        assertThatThrownBy(() -> policyJson.read(stored)).as("the stored policy is one renewd cannot read").isInstanceOf(StoredPolicyUnreadable.class);

        TestClock.advance(Duration.ofHours(20));
        sweepUntilIdle();

        await().atMost(Duration.ofSeconds(60)).until(() -> !currentVersion("fine").equals(fineFirst));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PolicyUnreadable".equals(pending("broken").extract().path("error.code")));
        pending("broken").body("status", is("inProgress"))
                .body("error.message", containsString("the stored policy is no longer valid"))
                .body("status_details", containsString("next attempt at"));
        assertThat(currentVersion("broken")).isEqualTo(brokenFirst);

        JsonNode failure = failedEvent();
        assertThat(failure.get("error").get("code").asText()).isEqualTo("PolicyUnreadable");
        assertThat(failure.get("error").get("message").asText()).contains("no longer valid", "PATCH /certificates/broken/policy");
        assertThat(failure.get("personMustAct").asBoolean()).isTrue();
        assertThat(failure.get("Version").asText()).isEqualTo(brokenFirst);
        assertThat(failure.get("issuer").asText()).as("filed under the issuer the stored JSON names").isEqualTo("Self");
        await().atMost(Duration.ofSeconds(90)).until(() -> Mails.to(contact).stream().map(Mails::subject)
                .anyMatch(s -> s.equals("[renewd] Renewal of " + vault + "/broken failed (attempt 1)")));

        // The way out the failure names: a valid policy, patched over the stored one.
        given().contentType(ContentType.JSON).body("{\"x509_props\": {\"validity_months\": 1}}")
                .patch("/vaults/{v}/certificates/{n}/policy", vault, "broken").then().statusCode(200)
                .body("x509_props.validity_months", is(1)).body("issuer.name", is("Self"));
        Instant next = Instant.parse(pending("broken").extract().path("status_details").toString().replaceAll(".*next attempt at ", ""));
        TestClock.advance(Duration.between(TestClock.now(), next).plusSeconds(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> !currentVersion("broken").equals(brokenFirst));
        pending("broken").body("status", is("completed")).body("status_details", is("issued by 'Self' after 2 attempts"));
    }

    @Test
    void aPolicyThatCannotBeReadIsSaidSoByTheApiNotAsAnAnonymousError() throws Exception {
        create("broken");
        TestDatabase.execute("update certificate set policy = '{\"x509\": 7}'::jsonb where vault = ? and name = 'broken'", vault);

        given().get("/vaults/{v}/certificates/{n}/policy", vault, "broken").then().statusCode(500)
                .body("error.code", is("PolicyUnreadable")).body("error.message", containsString("PATCH"));
        // Not even JSON renewd can read: a whole policy mends it.
        given().contentType(ContentType.JSON).body("""
                        {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=broken.example.com", "validity_months": 12},
                         "issuer": {"name": "Self"}}""")
                .patch("/vaults/{v}/certificates/{n}/policy", vault, "broken").then().statusCode(200);
        given().get("/vaults/{v}/certificates/{n}/policy", vault, "broken").then().statusCode(200)
                .body("x509_props.subject", is("CN=broken.example.com"));
    }

    private void create(String name) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=%s.example.com", "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "Self"}}}""".formatted(name))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(pending(name).extract().path("status")));
    }

    /** From the database: the API answers PolicyUnreadable for a certificate whose policy it cannot read. */
    private String currentVersion(String name) throws Exception {
        return TestDatabase.strings("""
                select v.version from certificate_version v join certificate c on c.id = v.certificate_id
                where c.vault = ? and c.name = ? order by v.id desc limit 1""", vault, name).getFirst().trim();
    }

    private ValidatableResponse pending(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200);
    }

    private JsonNode failedEvent() throws Exception {
        var records = TopicReader.read("renewd.certificate.failed", r -> (vault + "/broken").equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).isNotEmpty();
        return JSON.readTree(records.getLast().value());
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }
}
