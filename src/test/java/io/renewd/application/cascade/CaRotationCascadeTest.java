package io.renewd.application.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.events.EventTypes;
import io.renewd.testing.RealServices;
import io.renewd.testing.SqlCount;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Issue 14 item 3: a new version of the CA certificate behind a {@code ca} issuer re-issues the leaves its previous
 * version signed, as one bulk re-issue started by the NewVersionCreated event, with the real relay, Kafka, renewer and
 * PostgreSQL. Vault: CA root-ca with issuer team-ca and leaves a, b, c; CA other-ca with issuer other-issuer and leaf d;
 * a Self certificate e.
 */
@QuarkusTest
class CaRotationCascadeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CA = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": true}, "secret_props": {"contentType": "application/x-pem-file"},
             "x509_props": {"subject": "CN=%s", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""";
    private static final String LEAF = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s", "validity_months": 6},
             "issuer": {"name": "%s"}}}""";
    private static final String SELF = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s", "validity_months": 6}}}""";

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void renewingTheCaReissuesExactlyTheLeavesItsPreviousVersionSignedWithTheNewVersionAsOneVisibleBulk() throws Exception {
        String vault = inventory("PT0S");
        Map<String, String> before = currentVersions(vault);
        X509Certificate oldRoot = certificate(vault, "root-ca");

        create(vault, "root-ca", CA.formatted("Root CA"));
        String newRootVersion = currentVersion(vault, "root-ca");
        X509Certificate newRoot = certificate(vault, "root-ca");

        JsonNode bulk = awaitOneEndedBulk(vault);
        assertThat(bulk.path("status").asText()).isEqualTo("completed");
        assertThat(List.of(bulk.path("selected").asInt(), bulk.path("done").asInt(), bulk.path("failed").asInt())).containsExactly(3, 3, 0);
        assertThat(bulk.path("reason").asText()).contains("root-ca", newRootVersion, before.get("root-ca"));
        assertThat(bulk.path("selector").path("caRotation").path("previousVersion").asText()).isEqualTo(before.get("root-ca"));
        assertThat(bulk.has("failures")).as("list items leave the failures to the bulk itself").isFalse();
        String id = bulk.path("id").asText();
        given().get("/vaults/{v}/reissues/{id}", vault, id).then().statusCode(200).body("selected", is(3)).body("failures.size()", is(0));
        var started = TopicReader.read("renewd.bulk", r -> r.key().equals(vault + "/" + id)
                && "io.renewd.bulk.ReissueStarted".equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertThat(started).hasSize(1);
        JsonNode announced = MAPPER.readTree(started.getFirst().value());
        assertThat(announced.path("requestedBy").asText()).isEqualTo("renewd (CA rotation)");
        assertThat(announced.path("selector").path("caRotation").path("issuers")).containsExactly(MAPPER.valueToTree("team-ca"));

        for (String leaf : List.of("a", "b", "c")) {
            assertThat(currentVersion(vault, leaf)).as(leaf + " has a new version").isNotEqualTo(before.get(leaf));
            X509Certificate renewed = certificate(vault, leaf);
            renewed.verify(newRoot.getPublicKey());
            assertThatThrownBy(() -> renewed.verify(oldRoot.getPublicKey())).isInstanceOf(GeneralSecurityException.class);
        }
        for (String untouched : List.of("other-ca", "d", "e")) {
            assertThat(currentVersion(vault, untouched)).as(untouched + " is untouched").isEqualTo(before.get(untouched));
        }
    }

    @Test
    void theSameRotationAnnouncedTwiceOrByAnotherEventStartsOneBulk() throws Exception {
        String vault = inventory("PT0S");
        create(vault, "root-ca", CA.formatted("Root CA"));
        awaitOneEndedBulk(vault);
        ConsumerRecord<String, String> announced = newVersionEvents(vault, "root-ca", 2).getLast();
        UUID announcedId = UUID.fromString(TopicReader.header(announced, "ce_id"));

        // The relay's exact record again (same CloudEvents id), and another event naming the same version.
        produce(announced);
        Forged another = forgeNewVersion(vault, "root-ca", currentVersion(vault, "root-ca"));

        await().atMost(Duration.ofSeconds(60)).until(() -> consumed(another.id()));
        assertThat(consumed(announcedId)).isTrue();
        assertThat(bulks(vault)).hasSize(1);
        assertThat(versionCount(vault, "a")).as("a was re-issued once").isEqualTo(2);
    }

    @Test
    void aForgedNewVersionOfANonCaOrOfAnUnknownVersionStartsNothing() {
        String vault = inventory("PT0S");
        Forged leaf = forgeNewVersion(vault, "a", currentVersion(vault, "a"));
        Forged unknownVersion = forgeNewVersion(vault, "root-ca", "0".repeat(32));
        Forged noSuchCertificate = forgeNewVersion(vault, "no-such-ca", "1".repeat(32));
        // root-ca's one and only version: there is no previous version to rotate away from.
        Forged firstVersion = forgeNewVersion(vault, "root-ca", currentVersion(vault, "root-ca"));

        await().atMost(Duration.ofSeconds(60)).until(() -> handled(leaf) && handled(unknownVersion) && handled(noSuchCertificate)
                && handled(firstVersion));
        // Only a cascading CA's new versions cost a remembered event; the leaf's and the unknown certificate's cost none.
        assertThat(consumed(leaf.id()) || consumed(noSuchCertificate.id())).isFalse();
        assertThat(consumed(unknownVersion.id()) && consumed(firstVersion.id())).isTrue();
        assertThat(bulks(vault)).isEmpty();
        assertThat(SqlCount.of(dataSource, "select count(*) from bulk_reissue where vault = ?", vault)).isZero();
    }

    @Test
    void withTheCascadeOffARotationReissuesNothingAndOtherIssuersOverTheSameCaKeepTheirLeaves() {
        String vault = inventory("PT0S");
        patchCascade(vault, "team-ca", "{\"enabled\": false}");
        given().get("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200)
                .body("ca.cascade.enabled", is(false)).body("ca.cascade.spread", is("PT0S")).body("ca.certificate_name", is("root-ca"));
        Map<String, String> before = currentVersions(vault);

        create(vault, "root-ca", CA.formatted("Root CA"));
        ConsumerRecord<String, String> announced = newVersionEvents(vault, "root-ca", 2).getLast();

        await().atMost(Duration.ofSeconds(60)).until(() -> handled(new TopicPartition(announced.topic(), announced.partition()), announced.offset()));
        assertThat(bulks(vault)).isEmpty();
        for (String leaf : List.of("a", "b", "c")) {
            assertThat(currentVersion(vault, leaf)).isEqualTo(before.get(leaf));
        }
    }

    @Test
    void aSpreadOfAnHourStartsTheFirstAttemptsOverTheHourAndTheyCompleteAsTimePasses() {
        String vault = inventory("PT1H");
        Map<String, String> before = currentVersions(vault);
        Instant rotatedAt = TestClock.now();

        create(vault, "root-ca", CA.formatted("Root CA"));
        await().atMost(Duration.ofSeconds(60)).until(() -> bulks(vault).size() == 1);
        String id = bulks(vault).getFirst().path("id").asText();

        // The first leaf's attempt is due at once (and may be done already); the others wait their turn within the hour.
        List<Instant> waiting = waitingAttempts(id);
        assertThat(waiting).hasSizeBetween(2, 3);
        assertThat(waiting).allSatisfy(at -> assertThat(at).isBetween(rotatedAt, rotatedAt.plus(Duration.ofHours(1))));
        assertThat(waiting.getLast()).as("not all at once").isAfter(rotatedAt.plus(Duration.ofMinutes(30)));
        assertThat(bulk(vault, id).path("status").asText()).isEqualTo("inProgress");

        TestClock.advance(Duration.ofHours(1));
        JsonNode ended = await().atMost(Duration.ofSeconds(60)).until(() -> bulk(vault, id), b -> "completed".equals(b.path("status").asText()));
        assertThat(ended.path("done").asInt()).isEqualTo(3);
        for (String leaf : List.of("a", "b", "c")) {
            assertThat(currentVersion(vault, leaf)).isNotEqualTo(before.get(leaf));
        }
    }

    @Test
    void anImportOnlyUserImportingANewCaVersionCascadesThroughTheLeavesOwnPoliciesAndTouchesNoOtherVault() throws Exception {
        String vault = inventory("PT0S");
        String neighbour = inventory("PT0S");
        Map<String, String> neighbourBefore = currentVersions(neighbour);
        // A new key and certificate for root-ca, made elsewhere (here: in a scratch vault) and brought in as PEM with its key.
        String scratch = TestVaults.create();
        create(scratch, "replacement", CA.formatted("Root CA"));
        String pem = given().get("/vaults/{v}/secrets/replacement", scratch).then().statusCode(200).extract().path("value");
        String importer = "Bearer " + TestTokens.token("importer", List.of());
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"import\"]}")
                .put("/vaults/{v}/accessPolicies/user/importer", vault).then().statusCode(200);

        given().header("Authorization", importer).contentType(ContentType.JSON).body(Map.of("value", pem))
                .post("/vaults/{v}/certificates/root-ca/import", vault).then().statusCode(200);

        JsonNode bulk = awaitOneEndedBulk(vault);
        assertThat(bulk.path("done").asInt()).isEqualTo(3);
        X509Certificate imported = certificate(vault, "root-ca");
        for (String leaf : List.of("a", "b", "c")) {
            certificate(vault, leaf).verify(imported.getPublicKey());
        }
        // The neighbour's root-ca has the same name and issuer, and its own leaves: none moves.
        assertThat(currentVersions(neighbour)).isEqualTo(neighbourBefore);
        assertThat(bulks(neighbour)).isEmpty();
        // Reading the list needs get, like one bulk.
        given().header("Authorization", importer).get("/vaults/{v}/reissues", vault).then().statusCode(403);
    }

    @Test
    void whoeverMaySetIssuersMayTurnTheCascadeOfACaSigningIssuerButNotItsCaRule() {
        String vault = TestVaults.create();
        create(vault, "root-ca", CA.formatted("Root CA"));
        given().contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\", \"allow_ca\": true, \"max_path_length\": 0}}")
                .put("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"setissuers\", \"getissuers\"]}")
                .put("/vaults/{v}/accessPolicies/user/issuer-keeper", vault).then().statusCode(200);
        String keeper = "Bearer " + TestTokens.token("issuer-keeper", List.of());

        given().header("Authorization", keeper).contentType(ContentType.JSON).body("{\"ca\": {\"cascade\": {\"enabled\": false}}}")
                .patch("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200)
                .body("ca.cascade.enabled", is(false)).body("ca.allow_ca", is(true)).body("ca.max_path_length", is(0));
        given().header("Authorization", keeper).contentType(ContentType.JSON)
                .body("{\"ca\": {\"max_path_length\": 1, \"cascade\": {\"enabled\": true}}}")
                .patch("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(403);
        given().get("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200)
                .body("ca.cascade.enabled", is(false)).body("ca.max_path_length", is(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # ca member sent                                        | the 400 names
            {"cascade": {"enabled": true, "spread": "an hour"}}     | ca.cascade.spread 'an hour' is not an ISO-8601 duration
            {"cascade": {"spread": "P8D"}}                          | ca.cascade.spread 'P8D'
            {"cascade": {"spread": "-PT1M"}}                        | ca.cascade.spread '-PT1M'
            {"cascade": {"enabled": "sometimes"}}                   | enabled
            """)
    void aBadCascadeIsRefusedNamingTheMemberAndChangesNothing(String ca, String message) {
        String vault = inventory("PT5M");
        given().contentType(ContentType.JSON).body("{\"ca\": " + ca + "}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(400).body("error.message", containsString(message));
        given().get("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200)
                .body("ca.cascade.enabled", is(true)).body("ca.cascade.spread", is("PT5M"));
    }

    @Test
    void anIssuerWithoutCascadeSettingsHasItOnOverAnHourAndTheListIsPaged() {
        String vault = TestVaults.create();
        create(vault, "root-ca", CA.formatted("Root CA"));
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200)
                .body("ca.cascade.enabled", is(true)).body("ca.cascade.spread", is("PT1H"));

        // Bulks that re-issue nothing (team-ca has no leaves yet): re-issuing root-ca itself would rotate it and start a cascade.
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{\"selector\": {\"issuer\": \"team-ca\"}, \"reason\": \"r" + i + "\"}")
                    .post("/vaults/{v}/certificates/reissue", vault).then().statusCode(202);
        }
        var first = given().get("/vaults/{v}/reissues?maxresults=2", vault).then().statusCode(200).extract();
        assertThat(first.jsonPath().getList("value.reason")).containsExactly("r2", "r1");
        String next = first.path("nextLink");
        var second = given().get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery()).then().statusCode(200).extract();
        assertThat(second.jsonPath().getList("value.reason")).containsExactly("r0");
        assertThat((String) second.path("nextLink")).isNull();
        given().get("/vaults/{v}/reissues?maxresults=26", vault).then().statusCode(400).body("error.message", containsString("maxresults"));
        given().get("/vaults/{v}/reissues", "no-such-vault-" + UUID.randomUUID().toString().substring(0, 8)).then().statusCode(404);
    }

    // ------------------------------------------------------------------ helpers

    /** The vault of the class comment; team-ca's cascade spread as given. */
    private static String inventory(String spread) {
        String vault = TestVaults.create();
        create(vault, "root-ca", CA.formatted("Root CA"));
        create(vault, "other-ca", CA.formatted("Other CA"));
        issuer(vault, "team-ca", "root-ca");
        issuer(vault, "other-issuer", "other-ca");
        patchCascade(vault, "team-ca", "{\"spread\": \"" + spread + "\"}");
        for (String leaf : List.of("a", "b", "c")) {
            create(vault, leaf, LEAF.formatted(leaf, "team-ca"));
        }
        create(vault, "d", LEAF.formatted("d", "other-issuer"));
        create(vault, "e", SELF.formatted("e"));
        return vault;
    }

    private static void issuer(String vault, String issuer, String ca) {
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"" + ca + "\"}}")
                .put("/vaults/{v}/certificates/issuers/{i}", vault, issuer).then().statusCode(200);
    }

    private static void patchCascade(String vault, String issuer, String cascade) {
        given().contentType(ContentType.JSON).body("{\"ca\": {\"cascade\": " + cascade + "}}")
                .patch("/vaults/{v}/certificates/issuers/{i}", vault, issuer).then().statusCode(200);
    }

    private static void create(String vault, String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("status")));
    }

    private static Map<String, String> currentVersions(String vault) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String name : List.of("root-ca", "other-ca", "a", "b", "c", "d", "e")) {
            versions.put(name, currentVersion(vault, name));
        }
        return versions;
    }

    private static String currentVersion(String vault, String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static int versionCount(String vault, String name) {
        return given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().statusCode(200).extract().jsonPath().getList("value").size();
    }

    private static X509Certificate certificate(String vault, String name) throws Exception {
        String cer = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("cer");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
    }

    private static List<JsonNode> bulks(String vault) {
        try {
            JsonNode page = MAPPER.readTree(given().get("/vaults/{v}/reissues", vault).then().statusCode(200).extract().asString());
            List<JsonNode> items = new ArrayList<>();
            page.path("value").forEach(items::add);
            return items;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode bulk(String vault, String id) {
        try {
            return MAPPER.readTree(given().get("/vaults/{v}/reissues/{id}", vault, id).then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the cascade's bulk to show up in the list and end; exactly one. */
    private static JsonNode awaitOneEndedBulk(String vault) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<JsonNode> all = bulks(vault);
            return all.size() == 1 && !"inProgress".equals(all.getFirst().path("status").asText());
        });
        List<JsonNode> all = bulks(vault);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static List<ConsumerRecord<String, String>> newVersionEvents(String vault, String name, int expected) {
        var records = TopicReader.read("renewd.certificate.renewed", r -> r.key().equals(vault + "/" + name), expected, Duration.ofSeconds(30));
        assertThat(records).hasSize(expected);
        return records;
    }

    /** Sends a record again, as Kafka redelivers it: same key, headers (CloudEvents id included) and data. */
    private static void produce(ConsumerRecord<String, String> record) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
        }
    }

    /** A forged event, and where Kafka put it. */
    private record Forged(UUID id, TopicPartition partition, long offset) {
    }

    /** A NewVersionCreated anyone able to write to the topic could produce. */
    private static Forged forgeNewVersion(String vault, String name, String version) {
        UUID id = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Id", "http://localhost:8080/vaults/" + vault + "/certificates/" + name + "/" + version);
        data.put("VaultName", vault);
        data.put("ObjectType", "Certificate");
        data.put("ObjectName", name);
        data.put("Version", version);
        data.put("NBF", Instant.now().minusSeconds(3600).getEpochSecond());
        data.put("EXP", Instant.now().plusSeconds(3600).getEpochSecond());
        data.put("cause", "renewed");
        data.put("issuer", "Self");
        data.put("x5t", "aNfB3m9KkmSYbtnLcpZzRDhBbW8");
        try {
            var event = CloudEventBuilder.v1().withId(id.toString()).withSource(URI.create("/vaults/" + vault))
                    .withType(EventTypes.NEW_VERSION_CREATED).withSubject(name).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json").withData(MAPPER.writeValueAsString(data).getBytes(StandardCharsets.UTF_8)).build();
            Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers());
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>("renewd.certificate.renewed", vault + "/" + name, event)).get();
                return new Forged(id, new TopicPartition(sent.topic(), sent.partition()), sent.offset());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean handled(Forged forged) {
        return handled(forged.partition(), forged.offset());
    }

    /** The cascade's consumer group committed past this record: it handled it (offsets are committed only after handling). */
    private static boolean handled(TopicPartition partition, long offset) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealServices.get().kafkaBootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("renewd-cascade").partitionsToOffsetAndMetadata().get().get(partition);
            return committed != null && committed.offset() > offset;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean consumed(UUID eventId) {
        return SqlCount.of(dataSource, "select count(*) from consumed_event where consumer = 'cascade' and event_id = ?::uuid", eventId.toString()) == 1;
    }

    private List<Instant> waitingAttempts(String bulkId) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select next_attempt_at from certificate_operation where bulk_id = ?::uuid and status = 'inProgress' order by next_attempt_at")) {
            statement.setString(1, bulkId);
            List<Instant> attempts = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    attempts.add(rows.getObject(1, Timestamp.class).toInstant());
                }
            }
            return attempts;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
