package io.renewd.shutdown;

import io.renewd.testing.ApiVersionByDefault;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.TestDatabase;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.renewd.testing.TestDatabase.count;
import static io.renewd.testing.TestDatabase.counts;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged renewd is stopped with SIGTERM while the sweep has a batch in flight and a backlog
 * of due actions waits, then started again: the first one claims no batch after SIGTERM, every
 * action fires exactly once, and each has exactly one event in Kafka (redelivered copies share
 * their id).
 */
class GracefulShutdownIT {

    private static final int CERTIFICATES = 100;
    private static final String SETTLED = """
            select count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? and d.state <> 'pending'""";

    private final List<PackagedRenewd> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(PackagedRenewd::close);
        RestAssured.reset();
    }

    @Test
    void noDueActionIsLostOrDoubledWhenRenewdIsStoppedWithSigtermAndStartedAgain() throws Exception {
        PackagedRenewd first = start("graceful-first");
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.admin()).addFilter(ApiVersionByDefault.FILTER).build();
        String vault = TestVaults.create();
        for (int i = 0; i < CERTIFICATES; i++) {
            given().contentType(ContentType.JSON).header("X-Request-Id", "it-create-" + i).body("""
                            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=c%d", "validity": "PT1H"},
                             "lifetime_actions": [{"trigger": {"lifetime_percentage": 50}, "action": {"action_type": "EmailContacts"}}]}}"""
                            .formatted(i))
                    .post("/vaults/{v}/certificates/c{i}/create", vault, i).then().statusCode(202).header("X-Request-Id", "it-create-" + i);
        }

        // The notices of a one-hour certificate are overdue at once; they settle while it is created.
        await("the overdue notices settle").atMost(Duration.ofSeconds(60)).until(() -> count(SETTLED, vault) == 3L * CERTIFICATES);
        long settledBeforeRestart;
        // The sweep writes its firings to the audit trail: holding that table makes the sweep's
        // first batch wait in its transaction, so SIGTERM finds a batch in flight and a backlog behind it.
        try (var holder = TestDatabase.connection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table audit_entry in exclusive mode");
            // Everything falls due at once: the sweep would work through it one version per transaction.
            TestDatabase.execute("update due_action set due_at = now() - interval '1 second' where certificate_id in (select id from certificate where vault = ?)", vault);
            await("the sweep's first batch waits for the audit trail").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count("""
                            select count(*) from pg_stat_activity
                            where wait_event_type = 'Lock' and query like '%insert into audit_entry%' and datname = current_database()""") > 0);
            first.process().destroy();
            await("renewd takes SIGTERM").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !first.process().isAlive() || Files.readString(first.log()).contains("renewd-sweep: shutting down"));
            holder.commit();
            assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("renewd exits after SIGTERM").isTrue();
            settledBeforeRestart = count(SETTLED, vault);
        }
        assertThat(settledBeforeRestart).as("the batch in flight (one version's action and expiry) commits; no further batch is claimed")
                .isEqualTo(3L * CERTIFICATES + 2);

        start("graceful-second");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                select count(*) from due_action d join certificate c on c.id = d.certificate_id
                where c.vault = ? and d.state = 'pending' and d.due_at <= now()""", vault) == 0
                && count("select count(*) from outbox where aggregateid like ? || '/%' and published_at is null", vault) == 0);

        // Per version: the action, the latest overdue notice and the expiry fire; the older notices are skipped.
        Map<String, Long> states = counts("""
                select d.state, count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? group by d.state""", vault);
        assertThat(states).containsEntry("fired", 3L * CERTIFICATES).containsEntry("skipped", 2L * CERTIFICATES).doesNotContainKey("pending");
        assertThat(count("select count(*) from outbox where aggregateid like ? || '/%' and type like 'io.renewd.certificate.%'", vault))
                .as("one event per new version and per fired action").isEqualTo(3L * CERTIFICATES + CERTIFICATES);

        var events = new ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>();
        events.addAll(TopicReader.read("renewd.certificate.near-expiry", r -> r.key().startsWith(vault + "/"), 2 * CERTIFICATES, Duration.ofSeconds(30)));
        events.addAll(TopicReader.read("renewd.certificate.expired", r -> r.key().startsWith(vault + "/"), CERTIFICATES, Duration.ofSeconds(30)));
        Set<String> ids = events.stream().map(e -> TopicReader.header(e, "ce_id")).collect(Collectors.toSet());
        assertThat(ids).as("one event per fired action, redeliveries sharing their id").hasSize(3 * CERTIFICATES);
        Set<String> actions = new HashSet<>();
        for (var event : events) {
            actions.add(event.key() + " " + TopicReader.header(event, "ce_type") + " " + event.value().replaceAll(".*\"trigger\": \"([^\"]+)\".*", "$1"));
        }
        assertThat(actions).as("no action has two different events").hasSize(3 * CERTIFICATES);
        // Production logs are JSON lines carrying the request id and the certificate.
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(first.log())) {
            if (line.startsWith("{")) {
                lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
            }
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("message").asText()).isEqualTo("POST /vaults/" + vault + "/certificates/c7/create -> 202");
            assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("it-create-7");
            assertThat(line.path("mdc").path("certificate").asText()).isEqualTo(vault + "/c7");
        });
        assertThat(lines).as("renewd shut down gracefully").anySatisfy(line -> assertThat(line.path("message").asText()).contains("stopped in"));
    }

    /**
     * The packaged renewd as in production, sweeping every second one version per transaction; the API at RestAssured's defaults.
     * Every version gets every notice (factor 0), so each one-hour certificate has a backlog of overdue notices to settle.
     */
    private PackagedRenewd start(String name) throws IOException {
        PackagedRenewd renewd = PackagedRenewd.start(name, Map.of(
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE,
                "renewd.scheduler.sweep-interval", "1s",
                "renewd.scheduler.batch-size", "1",
                "renewd.scheduler.notice-lifetime-factor", "0"));
        started.add(renewd);
        assertThat(renewd.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(renewd.log())).isTrue();
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = renewd.port();
        RestAssured.trustStore(TestTls.localhost().trustStore());
        return renewd;
    }
}
