package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scripted scenario leaves one audit entry per operation, with the right principal, object, outcome and request id. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    SweepDueActions sweep;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void everyOperationAndEveryAutomaticActionIsInTheAuditTrail() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"roles\": [\"Certificate Officer\"]}")
                .put("/vaults/{v}/accessPolicies/user/officer", vault).then().statusCode(200);
        String officer = "Bearer " + TestTokens.token("officer", List.of());

        given().header("Authorization", officer).header("X-Request-Id", "audit-create").contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=audited", "validity": "PT1H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""")
                .post("/vaults/{v}/certificates/audited/create", vault).then().statusCode(202);
        given().header("Authorization", officer).get("/vaults/{v}/certificates/audited", vault).then().statusCode(200);
        given().header("Authorization", officer).get("/vaults/{v}/secrets/audited", vault).then().statusCode(200);
        given().header("Authorization", officer).contentType(ContentType.JSON).body("{\"value\": \"garbage\"}")
                .post("/vaults/{v}/certificates/bad/import", vault).then().statusCode(400);
        given().header("Authorization", officer).delete("/vaults/{v}/deletedcertificates/audited", vault).then().statusCode(403);

        TestClock.advance(Duration.ofMinutes(50));
        while (sweep.sweepBatch() > 0) {
            // fire what is due
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> operations(vault).contains("renewCertificate"));

        List<Map<String, Object>> entries = given().get("/vaults/{v}/audit?from={f}&to={t}", vault, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().statusCode(200).extract().path("value");
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("principal", "officer").containsEntry("operation", "createCertificate")
                        .containsEntry("object", "audited").containsEntry("outcome", "succeeded").containsEntry("status", 202)
                        .containsEntry("requestId", "audit-create"))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "officer").containsEntry("operation", "getCertificate")
                        .containsEntry("outcome", "succeeded"))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "officer").containsEntry("operation", "getSecretWithKey")
                        .containsEntry("object", "audited"))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "officer").containsEntry("operation", "importCertificate")
                        .containsEntry("outcome", "refused").containsEntry("status", 400))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "officer").containsEntry("operation", "purgeDeletedCertificate")
                        .containsEntry("outcome", "refused").containsEntry("status", 403))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", TestTokens.ADMIN).containsEntry("operation", "setAccessPolicy")
                        .containsEntry("object", "user/officer"))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "renewd/sweep").containsEntry("operation", "fireLifetimeAction")
                        .containsEntry("object", "audited"))
                .anySatisfy(e -> assertThat(e).containsEntry("principal", "renewd/renewer").containsEntry("operation", "renewCertificate")
                        .containsEntry("outcome", "succeeded"));
        assertThat(entries).noneMatch(e -> "getSecret".equals(e.get("operation")));

        var published = TopicReader.read("renewd.audit", r -> r.key().startsWith(vault + "/"), 5, Duration.ofSeconds(30));
        assertThat(published).hasSizeGreaterThanOrEqualTo(5);
        assertThat(published).allSatisfy(r -> assertThat(TopicReader.header(r, "ce_type")).isEqualTo("io.renewd.audit.Entry"));
        assertThat(published).anySatisfy(r -> assertThat(r.value()).contains("getSecretWithKey", "officer"));
        assertThat(published).as("the sweep's firings").anySatisfy(r -> assertThat(r.value()).contains("renewd/sweep", "fireLifetimeActions", "audited AutoRenew"));
    }

    @Test
    void theAuditTrailIsForAdministratorsAndRefusesBadRanges() {
        String vault = TestVaults.create();
        given().header("Authorization", "Bearer " + TestTokens.token("nobody", List.of())).get("/vaults/{v}/audit", vault).then().statusCode(403);
        given().get("/vaults/{v}/audit?from=yesterday", vault).then().statusCode(400);
        given().get("/vaults/{v}/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", vault).then().statusCode(400);
        given().get("/vaults/{v}/audit?maxresults=5000", vault).then().statusCode(400);
    }

    @Test
    void principalsAndRequestIdsAreRecordedAsTheyCame() {
        String vault = TestVaults.create();
        String odd = "o'brien \"the\" \\admin\\, {x} NULL";
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"roles\": [\"Certificate User\"]}")
                .put("/vaults/" + vault + "/accessPolicies/user/" + URLEncoder.encode(odd, StandardCharsets.UTF_8).replace("+", "%20"))
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.token(odd, List.of())).header("X-Request-Id", "NULL")
                .get("/vaults/{v}/certificates", vault).then().statusCode(200);

        List<Map<String, Object>> entries = given().get("/vaults/{v}/audit?from={f}&to={t}", vault, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().statusCode(200).extract().path("value");
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("principal", odd).containsEntry("requestId", "NULL")
                .containsEntry("operation", "getCertificates"));
    }

    @Test
    void longTrailsArePagedWithNextLink() {
        String vault = TestVaults.create();
        for (int i = 0; i < 5; i++) {
            given().get("/vaults/{v}/certificates", vault).then().statusCode(200);
        }
        String range = "from=2000-01-01T00:00:00Z&to=" + TestClock.now().plus(Duration.ofMinutes(1));
        List<String> all = given().get("/vaults/" + vault + "/audit?" + range + "&maxresults=1000").then().statusCode(200)
                .body("nextLink", org.hamcrest.Matchers.nullValue()).extract().path("value.requestId");
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);

        List<String> paged = new java.util.ArrayList<>();
        String next = "/vaults/" + vault + "/audit?" + range + "&maxresults=2";
        int pages = 0;
        while (next != null) {
            var page = given().get(next).then().statusCode(200).extract();
            List<String> ids = page.path("value.requestId");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            paged.addAll(ids);
            next = page.path("nextLink");
            pages++;
        }
        // Reading the trail is audited too: those entries come after the ones that were there.
        assertThat(paged).doesNotHaveDuplicates().startsWith(all.toArray(String[]::new));
        assertThat(pages).isGreaterThanOrEqualTo((all.size() + 1) / 2);

        given().get("/vaults/{v}/audit?$skiptoken=bm90LWEtdG9rZW4", vault).then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("$skiptoken"));
    }

    private static List<String> operations(String vault) {
        return given().get("/vaults/{v}/audit?from={f}&to={t}", vault, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().extract().path("value.operation");
    }
}
