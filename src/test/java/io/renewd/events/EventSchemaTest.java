package io.renewd.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.KeySpec;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The documented event contract (docs/events) holds for its examples and for what renewd actually publishes. */
@QuarkusTest
class EventSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SweepDueActions sweep;

    @Inject
    EventOutbox outbox;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"near-expiry", "new-version-created", "renewal-failed", "expired", "audit-entry", "reissue-started", "reissue-ended"})
    void eachDocumentedExampleMatchesItsSchema(String event) throws Exception {
        assertValid(event, MAPPER.readTree(Path.of("docs/events/" + event + ".example.json").toFile()));
    }

    @Test
    void theSchemasRejectAnEventThatBreaksTheContract() throws Exception {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(Path.of("docs/events/near-expiry.example.json").toFile());
        event.remove("Version");
        event.put("action", "Panic");

        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/events/near-expiry.schema.json")));
        assertThat(schema.validate(event)).hasSize(2);
    }

    @Test
    void publishedEventsMatchTheirSchemas() throws Exception {
        String vault = TestVaults.create();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var late = TestCertificates.chain("CN=late", new KeySpec.Rsa(2048), now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(2)));
        given().contentType(ContentType.JSON).body(Map.of("value", late.pem()))
                .post("/vaults/{v}/certificates/late/import", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=short\", \"validity\": \"PT10M\"}}}")
                .post("/vaults/{v}/certificates/short/create", vault).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/short", vault).then().extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> outbox.write(new CertificateEvent.RenewalFailed(vault, "short",
                id.substring(id.lastIndexOf('/') + 1), now, now.plus(Duration.ofMinutes(10)), "IssuerUnavailable",
                "the CA did not answer", 1, now.plus(Duration.ofMinutes(1)), false, "Self")));
        TestClock.advance(Duration.ofMinutes(11));
        while (sweep.sweepBatch() > 0) {
            // fire everything due
        }

        assertPublishedValid("renewd.certificate.renewed", vault, "new-version-created", 2);
        // late: EmailContacts and its 7-day notice; short: AutoRenew (a 10-minute certificate gets no notice).
        assertPublishedValid("renewd.certificate.near-expiry", vault, "near-expiry", 3);
        assertPublishedValid("renewd.certificate.expired", vault, "expired", 1);
        assertPublishedValid("renewd.certificate.failed", vault, "renewal-failed", 1);
        assertPublishedValid("renewd.audit", vault, "audit-entry", 3);
    }

    @Test
    void publishedBulkReissueEventsMatchTheirSchemas() throws Exception {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=b\"}}}")
                .post("/vaults/{v}/certificates/b/create", vault).then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"selector\": {\"issuer\": \"Self\"}, \"reason\": \"schema check\"}")
                .post("/vaults/{v}/certificates/reissue", vault).then().statusCode(202);

        var records = TopicReader.read("renewd.bulk", r -> r.key() != null && r.key().startsWith(vault + "/"), 2, Duration.ofSeconds(60));
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("io.renewd.bulk.ReissueStarted", "io.renewd.bulk.ReissueEnded");
        assertValid("reissue-started", MAPPER.readTree(records.get(0).value()));
        assertValid("reissue-ended", MAPPER.readTree(records.get(1).value()));
    }

    private static void assertPublishedValid(String topic, String vault, String event, int atLeast) throws Exception {
        var records = TopicReader.read(topic, r -> r.key() != null && r.key().startsWith(vault + "/"), atLeast, Duration.ofSeconds(30));
        assertThat(records).as("events on %s", topic).hasSizeGreaterThanOrEqualTo(atLeast);
        for (var record : records) {
            assertValid(event, MAPPER.readTree(record.value()));
        }
    }

    private static void assertValid(String event, JsonNode data) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("docs/events/" + event + ".schema.json")));
        assertThat(schema.validate(data)).as("%s against %s", data, event).isEmpty();
    }
}
