package io.renewd.application.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.renewal.RenewalWorker;
import io.renewd.domain.bulk.ReissueSelector;
import io.renewd.testing.SqlCount;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Issue 14 item 2: {@code POST /vaults/{vault}/certificates/reissue} re-issues what a selector
 * chooses through each certificate's own policy and issuer, with the real renewer, PostgreSQL and
 * Kafka; and a hostile vault user gets nothing out of it.
 */
@QuarkusTest
class BulkReissueTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SELF = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s", "validity_months": %d}}}""";
    private static final String BY_ISSUER = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s", "validity_months": 6},
             "issuer": {"name": "%s"}}}""";

    @Inject
    DataSource dataSource;

    @Inject
    StartBulkReissue start;

    @Inject
    RenewalWorker renewer;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void anIssuerSelectorReissuesEachCertificateOfThatIssuerThroughItsOwnPolicyAndAnnouncesStartAndEnd() throws Exception {
        String vault = vaultWithCa("root-ca", "team-ca");
        create(vault, "leaf-a", BY_ISSUER.formatted("leaf-a", "team-ca"));
        create(vault, "leaf-b", BY_ISSUER.formatted("leaf-b", "team-ca"));
        create(vault, "other", SELF.formatted("other", 12));
        String leafA = currentVersion(vault, "leaf-a");

        ExtractableResponse<Response> started = reissue(vault, "{\"selector\": {\"issuer\": \"team-ca\"}, \"reason\": \"team-ca moves to a new HSM\"}")
                .statusCode(202).extract();
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith("/vaults/" + vault + "/reissues/" + id);
        assertThat((Integer) started.path("selected")).isEqualTo(2);
        assertThat((String) started.path("reason")).isEqualTo("team-ca moves to a new HSM");
        assertThat((Map<String, Object>) started.path("selector")).isEqualTo(Map.of("issuer", "team-ca"));

        JsonNode done = awaitEnded(vault, id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(counts(done)).containsExactly(2, 2, 0, 0, 0);
        assertThat(done.path("failures")).isEmpty();
        assertThat(versions(vault, "leaf-a")).isEqualTo(2);
        assertThat(versions(vault, "leaf-b")).isEqualTo(2);
        assertThat(versions(vault, "other")).as("another issuer's certificate is not touched").isEqualTo(1);
        X509Certificate renewed = certificate(vault, "leaf-a");
        assertThat(renewed.getIssuerX500Principal().getName()).isEqualTo("CN=Team Root CA");
        assertThat(currentVersion(vault, "leaf-a")).isNotEqualTo(leafA);
        given().get("/vaults/{v}/certificates/leaf-a/pending", vault).then().statusCode(200).body("status", is("completed"));

        var renewedEvents = TopicReader.read("renewd.certificate.renewed",
                r -> r.key().startsWith(vault + "/leaf-") && r.value().contains("\"renewed\""), 2, Duration.ofSeconds(30));
        assertThat(renewedEvents).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(vault + "/leaf-a", vault + "/leaf-b");
        var bulkEvents = TopicReader.read("renewd.bulk", r -> r.key().equals(vault + "/" + id), 2, Duration.ofSeconds(30));
        assertThat(bulkEvents).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("io.renewd.bulk.ReissueStarted", "io.renewd.bulk.ReissueEnded");
        JsonNode end = MAPPER.readTree(bulkEvents.get(1).value());
        assertThat(end.path("status").asText()).isEqualTo("completed");
        assertThat(end.path("done").asInt()).isEqualTo(2);
        assertThat(MAPPER.readTree(bulkEvents.get(0).value()).path("reason").asText()).isEqualTo("team-ca moves to a new HSM");

        given().get("/vaults/{v}/audit", vault).then().statusCode(200)
                .body("value.findAll { it.object == '" + id + "' }.operation", org.hamcrest.Matchers.hasItems("startBulkReissue", "bulkReissueStarted", "bulkReissueEnded"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # body                                                                      | the 400 names
            {"reason": "r"}                                                              | selector is required
            {"selector": {}, "reason": "r"}                                              | it has none
            {"selector": {"issuer": "a", "thumbprints": ["x"]}, "reason": "r"}           | it has issuer and thumbprints
            {"selector": {"issuer": "a"}}                                                | reason is required
            {"selector": {"issuer": "a"}, "reason": "  "}                                | reason is required
            {"selector": {"issuer": "Unknown"}, "reason": "r"}                           | may not be Unknown
            {"selector": {"issuers": "a"}, "reason": "r"}                                | issuers
            {"selector": {"issuer": 7}, "reason": "r"}                                   | issuer
            {"selector": {"serialNumbers": []}, "reason": "r"}                           | selector.serialNumbers is empty
            {"selector": {"serialNumbers": "0a"}, "reason": "r"}                         | serialNumbers
            {"selector": {"serialNumbers": ["0a", "zz"]}, "reason": "r"}                 | selector.serialNumbers[1] 'zz'
            {"selector": {"thumbprints": ["abc"]}, "reason": "r"}                        | selector.thumbprints[0] 'abc'
            {"selector": {"expiringBefore": "next year"}, "reason": "r"}                 | selector.expiringBefore 'next year'
            {"selector": {"signedBy": {"version": "25efb5c962f441c188437a085bcca999"}}, "reason": "r"} | selector.signedBy.name
            {"selector": {"signedBy": {"name": "no-such-ca"}}, "reason": "r"}            | has no certificate 'no-such-ca'
            """)
    void aBadRequestIsRefusedNamingTheProblemAndStartsNothing(String body, String message) {
        String vault = TestVaults.create();
        create(vault, "c", SELF.formatted("c", 12));

        reissue(vault, body).statusCode(400).body("error.message", containsString(message));
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where vault = ?", vault)).isZero();
        assertThat(SqlCount.of(dataSource, """
                select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id
                where c.vault = ? and o.bulk_id is not null""", vault)).isZero();
    }

    @Test
    void moreThanTenThousandEntriesAreRefused() {
        String vault = TestVaults.create();
        String serials = java.util.stream.IntStream.rangeClosed(1, 10_001).mapToObj(i -> "\"" + Integer.toHexString(i) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        reissue(vault, "{\"selector\": {\"serialNumbers\": [" + serials + "]}, \"reason\": \"r\"}").statusCode(400)
                .body("error.message", containsString("lists 10001 entries; at most 10000"));
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where vault = ?", vault)).isZero();
    }

    @Test
    void signedBySelectsTheLeavesOfTheNamedCaVersionOnly() {
        String vault = vaultWithCa("root-ca", "team-ca");
        String oldRoot = currentVersion(vault, "root-ca");
        // The CA rotation cascade would re-issue old-leaf by itself (CaRotationCascadeTest): this test asks by hand.
        given().contentType(ContentType.JSON).body("{\"ca\": {\"cascade\": {\"enabled\": false}}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        create(vault, "old-leaf", BY_ISSUER.formatted("old-leaf", "team-ca"));
        // The CA rotates: a new version of root-ca signs from now on.
        create(vault, "root-ca", """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                 "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""");
        create(vault, "new-leaf", BY_ISSUER.formatted("new-leaf", "team-ca"));

        reissue(vault, "{\"selector\": {\"signedBy\": {\"name\": \"root-ca\", \"version\": \"" + "0".repeat(32) + "\"}}, \"reason\": \"r\"}")
                .statusCode(400).body("error.message", containsString("has no certificate 'root-ca' with version"));
        reissue(vault, "{\"selector\": {\"signedBy\": {\"name\": \"no-such-ca\"}}, \"reason\": \"r\"}")
                .statusCode(400).body("error.message", containsString("has no certificate 'no-such-ca'"));

        String id = reissue(vault, "{\"selector\": {\"signedBy\": {\"name\": \"root-ca\", \"version\": \"" + oldRoot + "\"}}, \"reason\": \"old root retired\"}")
                .statusCode(202).body("selected", is(1)).extract().path("id");
        assertThat(counts(awaitEnded(vault, id))).containsExactly(1, 1, 0, 0, 0);
        assertThat(versions(vault, "old-leaf")).isEqualTo(2);
        assertThat(versions(vault, "new-leaf")).isEqualTo(1);
        assertThat(versions(vault, "root-ca")).as("a CA is not its own leaf").isEqualTo(2);

        // Without a version: every leaf any version of root-ca signed (both are now signed by the new root).
        String all = reissue(vault, "{\"selector\": {\"signedBy\": {\"name\": \"root-ca\"}}, \"reason\": \"all leaves\"}")
                .statusCode(202).body("selected", is(2)).extract().path("id");
        assertThat(counts(awaitEnded(vault, all))).containsExactly(2, 2, 0, 0, 0);
        // The second bulk reused old-leaf's operation row; the first one's outcome stays as it ended.
        assertThat(counts(bulk(vault, id))).containsExactly(1, 1, 0, 0, 0);
    }

    @Test
    void serialNumbersThumbprintsAndExpiryChooseExactlyTheirCertificates() throws Exception {
        String vault = TestVaults.create();
        for (String name : List.of("one", "two", "three")) {
            create(vault, name, SELF.formatted(name, 12));
        }
        create(vault, "short", SELF.formatted("short", 1));
        String serialOfOne = HexFormat.ofDelimiter(":").withUpperCase().formatHex(certificate(vault, "one").getSerialNumber().toByteArray());
        String x5tOfTwo = given().get("/vaults/{v}/certificates/two", vault).then().extract().path("x5t");
        String hexOfThree = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate(vault, "three").getEncoded()));

        String bySerial = reissue(vault, "{\"selector\": {\"serialNumbers\": [\"" + serialOfOne + "\", \"0badc0de\"]}, \"reason\": \"r\"}")
                .statusCode(202).body("selected", is(1)).extract().path("id");
        String byThumbprint = reissue(vault, "{\"selector\": {\"thumbprints\": [\"" + x5tOfTwo + "\", \"" + hexOfThree.toUpperCase() + "\"]}, \"reason\": \"r\"}")
                .statusCode(202).body("selected", is(2)).extract().path("id");
        awaitEnded(vault, bySerial);
        awaitEnded(vault, byThumbprint);
        assertThat(List.of(versions(vault, "one"), versions(vault, "two"), versions(vault, "three"), versions(vault, "short")))
                .containsExactly(2, 2, 2, 1);

        // A re-issued certificate has a new serial: the old one selects nothing any more.
        reissue(vault, "{\"selector\": {\"serialNumbers\": [\"" + serialOfOne + "\"]}, \"reason\": \"r\"}")
                .statusCode(202).body("selected", is(0)).body("status", is("completed"));

        String byExpiry = reissue(vault, "{\"selector\": {\"expiringBefore\": \"" + Instant.now().plus(Duration.ofDays(60)) + "\"}, \"reason\": \"r\"}")
                .statusCode(202).body("selected", is(1)).extract().path("id");
        awaitEnded(vault, byExpiry);
        assertThat(versions(vault, "short")).isEqualTo(2);
    }

    @Test
    void aCertificateWhoseIssuerCannotIssueFailsOnItsOwnWithAClearReasonAndTheOthersGoOn() throws Exception {
        String vault = vaultWithCa("root-ca", "team-ca");
        // The bulk re-issues root-ca too: were good re-issued by root-ca's old version, the CA rotation cascade would re-issue it
        // once more (CaRotationCascadeTest). This test counts what the bulk alone does.
        given().contentType(ContentType.JSON).body("{\"ca\": {\"cascade\": {\"enabled\": false}}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/{i}", vault, "spare-ca").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/{i}", vault, "gone-ca").then().statusCode(200);
        create(vault, "good", BY_ISSUER.formatted("good", "team-ca"));
        create(vault, "on-disabled", BY_ISSUER.formatted("on-disabled", "spare-ca"));
        create(vault, "on-gone", BY_ISSUER.formatted("on-gone", "gone-ca"));
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/issuers/{i}", vault, "spare-ca").then().statusCode(200);
        // The API refuses to delete an issuer a policy names; a restore into a vault without it leaves the same state.
        execute("delete from certificate_issuer where vault = ? and name = 'gone-ca'", vault);
        importWithoutIssuer(vault, "manual");

        String id = reissue(vault, "{\"selector\": {\"expiringBefore\": \"2099-01-01T00:00:00Z\"}, \"reason\": \"everything\"}")
                .statusCode(202).body("selected", is(5)).extract().path("id");

        JsonNode ended = awaitEnded(vault, id);
        assertThat(ended.path("status").asText()).isEqualTo("completed");
        assertThat(counts(ended)).as("root-ca and good re-issued; two issuers cannot issue; manual has none").containsExactly(5, 2, 3, 0, 0);
        assertThat(ended.path("failures")).extracting(f -> f.path("name").asText() + " " + f.path("code").asText())
                .containsExactly("manual NoIssuer", "on-disabled IssuerNotFound", "on-gone IssuerNotFound");
        assertThat(ended.path("failures").get(1).path("message").asText()).contains("'spare-ca'", "is disabled");
        assertThat(ended.path("failures").get(2).path("message").asText()).contains("'gone-ca'", "does not exist");
        assertThat(versions(vault, "good")).isEqualTo(2);
        given().get("/vaults/{v}/certificates/on-gone/pending", vault).then().body("status", is("failed"))
                .body("error.code", is("IssuerNotFound"));
        var failed = TopicReader.read("renewd.certificate.failed", r -> r.key().equals(vault + "/on-disabled"), 1, Duration.ofSeconds(30));
        assertThat(failed).hasSize(1);
        JsonNode event = MAPPER.readTree(failed.getFirst().value());
        assertThat(event.path("personMustAct").asBoolean()).isTrue();
        assertThat(event.path("nextAttempt").isNull()).as("a bulk does not retry what a person must fix").isTrue();
    }

    @Test
    void aSpreadBulkIsIdempotentBlocksASecondOneAndCancelsWhatHasNotReachedTheCa() throws Exception {
        String vault = TestVaults.create();
        for (int i = 1; i <= 4; i++) {
            create(vault, "c" + i, SELF.formatted("c" + i, 12));
        }
        var request = new StartBulkReissue.Request(vault, new ReissueSelector.Issuer("Self"), "CA rotation", Duration.ofHours(1),
                Optional.of("event-" + UUID.randomUUID()), "renewd/cascade");
        BulkReissueView first = start.execute(request);
        BulkReissueView again = start.execute(request);
        assertThat(again.id()).as("the same idempotency key starts nothing new").isEqualTo(first.id());
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where vault = ?", vault)).isEqualTo(1);
        assertThat(first.counts().selected()).isEqualTo(4);
        // The first attempts are spread over the hour: the first now, the last three quarters of an hour later.
        assertThat(SqlCount.of(dataSource, """
                select extract(epoch from max(next_attempt_at) - min(created_at))::bigint from certificate_operation
                where bulk_id = ?::uuid""", first.id().toString())).isEqualTo(Duration.ofMinutes(45).toSeconds());

        // c1 (due now) may be re-issued meanwhile; the others still wait, so a second bulk gets none of them.
        String serials = List.of("c2", "c3", "c4").stream().map(n -> "\"" + certificate(vault, n).getSerialNumber().toString(16) + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        String second = reissue(vault, "{\"selector\": {\"serialNumbers\": [" + serials + "]}, \"reason\": \"again\"}").statusCode(202)
                .body("selected", is(3)).body("status", is("completed")).extract().path("id");
        assertThat(bulk(vault, second).path("failures")).extracting(f -> f.path("name").asText() + " " + f.path("code").asText())
                .containsExactly("c2 OperationInProgress", "c3 OperationInProgress", "c4 OperationInProgress");

        String id = first.id().toString();
        given().contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", vault, id).then().statusCode(200);
        JsonNode cancelled = awaitEnded(vault, id);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("cancelled").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(cancelled.path("cancelled").asInt() + cancelled.path("done").asInt()).isEqualTo(4);
        given().get("/vaults/{v}/certificates/c4/pending", vault).then().body("status", is("cancelled"));
        assertThat(SqlCount.of(dataSource, "select count(*) from certificate_operation where bulk_id = ?::uuid and next_attempt_at is not null",
                id)).as("nothing cancelled is attempted later").isZero();
        given().contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", vault, id).then().statusCode(400)
                .body("error.message", containsString("is cancelled, not inProgress"));
        var ended = TopicReader.read("renewd.bulk", r -> r.key().equals(vault + "/" + id)
                && "io.renewd.bulk.ReissueEnded".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(MAPPER.readTree(ended.getFirst().value()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aBulkWhoseLastOperationsEndedAtTheSameMomentIsEndedByTheRenewersNextLook() throws Exception {
        String vault = TestVaults.create();
        for (int i = 1; i <= 3; i++) {
            create(vault, "c" + i, SELF.formatted("c" + i, 12));
        }
        BulkReissueView bulk = start.execute(new StartBulkReissue.Request(vault, new ReissueSelector.Issuer("Self"), "race",
                Duration.ofHours(1), Optional.empty(), "renewd/test"));
        String id = bulk.id().toString();
        // Two workers (or replicas) recorded the last operations at the same moment: each saw the other still in progress,
        // so neither ended the bulk, and nothing of it is left to attempt.
        execute("""
                update certificate_operation set status = 'completed', next_attempt_at = null, lease_owner = null, lease_until = null
                where bulk_id = ?::uuid""", id);

        renewer.workThroughDue();

        JsonNode ended = awaitEnded(vault, id);
        assertThat(ended.path("status").asText()).isEqualTo("completed");
        assertThat(counts(ended)).containsExactly(3, 3, 0, 0, 0);
        var events = TopicReader.read("renewd.bulk", r -> r.key().equals(vault + "/" + id)
                && "io.renewd.bulk.ReissueEnded".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        renewer.workThroughDue();
        assertThat(SqlCount.of(dataSource, "select count(*) from outbox where type = 'io.renewd.bulk.ReissueEnded' and aggregateid like ?",
                "%" + id + "%")).as("ended once").isEqualTo(1);
    }

    @Test
    void onlyCreateStartsOrCancelsAndAFailedStartChangesNothing() {
        String vault = vaultWithCa("root-ca", "team-ca");
        create(vault, "leaf", BY_ISSUER.formatted("leaf", "team-ca"));
        String importer = user(vault, "importer", "{\"permissions\": [\"import\", \"get\", \"list\", \"update\"]}");
        String reader = user(vault, "reader", "{\"permissions\": [\"get\"]}");
        String officer = user(vault, "officer", "{\"roles\": [\"Certificate Officer\"]}");
        String body = "{\"selector\": {\"issuer\": \"team-ca\"}, \"reason\": \"r\"}";

        for (String refused : List.of(importer, reader)) {
            given().header("Authorization", refused).contentType(ContentType.JSON).body(body)
                    .post("/vaults/{v}/certificates/reissue", vault).then().statusCode(403).body("error.message", containsString("'create'"));
        }
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where vault = ?", vault)).isZero();
        assertThat(versions(vault, "leaf")).isEqualTo(1);

        String id = given().header("Authorization", officer).contentType(ContentType.JSON).body(body)
                .post("/vaults/{v}/certificates/reissue", vault).then().statusCode(202).extract().path("id");
        given().header("Authorization", reader).get("/vaults/{v}/reissues/{id}", vault, id).then().statusCode(200).body("id", is(id));
        given().header("Authorization", reader).contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", vault, id)
                .then().statusCode(403);
        given().header("Authorization", importer).contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", vault, id)
                .then().statusCode(403);
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where id = ?::uuid and cancel_requested", id)).isZero();
    }

    @Test
    void aSelectorNeverReachesAnotherVaultAndAnotherVaultsBulkIsNotFound() {
        String mine = TestVaults.create();
        String theirs = TestVaults.create();
        // The same certificate (same serial, same thumbprint) and the same name in both vaults.
        var chain = io.renewd.testing.TestCertificates.chain("CN=web", new io.renewd.domain.KeySpec.Rsa(2048), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
        for (String vault : List.of(mine, theirs)) {
            given().contentType(ContentType.JSON).body(Map.of("value", chain.pem(), "policy", Map.of("issuer", Map.of("name", "Self"))))
                    .post("/vaults/{v}/certificates/web/import", vault).then().statusCode(200);
        }
        String serial = certificate(mine, "web").getSerialNumber().toString(16);

        String id = reissue(mine, "{\"selector\": {\"serialNumbers\": [\"" + serial + "\"]}, \"reason\": \"r\"}")
                .statusCode(202).body("selected", is(1)).extract().path("id");
        awaitEnded(mine, id);
        assertThat(versions(mine, "web")).isEqualTo(2);
        assertThat(versions(theirs, "web")).isEqualTo(1);

        given().get("/vaults/{v}/reissues/{id}", theirs, id).then().statusCode(404).body("error.code", is("BulkReissueNotFound"));
        given().contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", theirs, id).then().statusCode(404);
        given().get("/vaults/{v}/reissues/{id}", mine, "not-a-uuid").then().statusCode(404);
        // A principal allowed in their vault only gets nothing in mine.
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"create\", \"get\"]}")
                .put("/vaults/{v}/accessPolicies/user/{u}", theirs, "neighbour").then().statusCode(200);
        String neighbour = "Bearer " + TestTokens.token("neighbour", List.of());
        given().header("Authorization", neighbour).contentType(ContentType.JSON).body("{\"selector\": {\"issuer\": \"Self\"}, \"reason\": \"r\"}")
                .post("/vaults/{v}/certificates/reissue", mine).then().statusCode(403);
        given().header("Authorization", neighbour).get("/vaults/{v}/reissues/{id}", mine, id).then().statusCode(403);
    }

    @Test
    void tenThousandAndOneCertificatesAreSelectedInOneRequestWithoutMakingTheirKeys() {
        String vault = TestVaults.create();
        create(vault, "aaa-template", SELF.formatted("aaa-template", 12));
        // 10,000 more certificates written by SQL: copies of the template's row and current version under new names.
        execute("""
                with copies as (
                    insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
                    select c.vault, 'bulk-' || lpad(i::text, 5, '0'), c.policy, c.policy_created_at, c.policy_updated_at, c.created_at
                    from certificate c, generate_series(1, 10000) i where c.vault = ? and c.name = 'aaa-template'
                    returning id)
                insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                    public_key, private_key_sealed, exportable, enabled, tags, cause, created_at, updated_at)
                select copies.id, md5(random()::text), v.der, v.chain, v.x5t, v.serial_number, v.subject, v.not_before, v.not_after,
                    v.public_key, v.private_key_sealed, v.exportable, true, v.tags, v.cause, v.created_at, v.updated_at
                from copies, certificate_version v join certificate t on t.id = v.certificate_id
                where t.vault = ? and t.name = 'aaa-template'""", vault, vault);

        // Spread over a week: the renewer works on the first (the template) now and leaves the others be.
        BulkReissueView bulk = start.execute(new StartBulkReissue.Request(vault, new ReissueSelector.Issuer("Self"), "scale",
                Duration.ofDays(7), Optional.empty(), "test"));

        assertThat(bulk.counts().selected()).isEqualTo(10_001);
        assertThat(bulk.counts().inProgress()).isEqualTo(10_001);
        assertThat(SqlCount.of(dataSource, "select count(*) from certificate_operation where bulk_id = ?::uuid and csr is null and public_key is null",
                bulk.id().toString())).as("no key is made in the request").isGreaterThanOrEqualTo(10_000);

        given().contentType(ContentType.JSON).post("/vaults/{v}/reissues/{id}/cancel", vault, bulk.id().toString()).then().statusCode(200);
        JsonNode ended = awaitEnded(vault, bulk.id().toString());
        assertThat(ended.path("cancelled").asInt()).isGreaterThanOrEqualTo(10_000);
    }

    // ------------------------------------------------------------------ helpers

    private static String vaultWithCa(String caName, String issuer) {
        String vault = TestVaults.create();
        create(vault, caName, """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                 "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""");
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"" + caName + "\"}}")
                .put("/vaults/{v}/certificates/issuers/{i}", vault, issuer).then().statusCode(200);
        return vault;
    }

    private static void create(String vault, String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("status")));
    }

    private static void importWithoutIssuer(String vault, String name) {
        var chain = io.renewd.testing.TestCertificates.chain("CN=" + name, new io.renewd.domain.KeySpec.Rsa(2048),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        given().contentType(ContentType.JSON).body(Map.of("value", chain.pem())).post("/vaults/{v}/certificates/{n}/import", vault, name)
                .then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse reissue(String vault, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/reissue", vault).then();
    }

    private static JsonNode bulk(String vault, String id) {
        try {
            return MAPPER.readTree(given().get("/vaults/{v}/reissues/{id}", vault, id).then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitEnded(String vault, String id) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> bulk(vault, id), b -> !"inProgress".equals(b.path("status").asText()));
    }

    /** selected, done, failed, inProgress, cancelled. */
    private static List<Integer> counts(JsonNode bulk) {
        return List.of("selected", "done", "failed", "inProgress", "cancelled").stream().map(m -> bulk.path(m).asInt()).toList();
    }

    private static String currentVersion(String vault, String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static int versions(String vault, String name) {
        return given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().statusCode(200).extract().jsonPath().getList("value").size();
    }

    private static X509Certificate certificate(String vault, String name) {
        String cer = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("cer");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String user(String vault, String name, String policy) {
        given().contentType(ContentType.JSON).body(policy).put("/vaults/{v}/accessPolicies/user/{u}", vault, name).then().statusCode(200);
        return "Bearer " + TestTokens.token(name, List.of());
    }

    private void execute(String sql, String... parameters) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
