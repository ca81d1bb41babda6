package io.renewd.shutdown;

import io.renewd.testing.RealServices;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged renewd (target/quarkus-app) is stopped with SIGTERM while the sweep fires a
 * backlog of due actions, then started again: every action fires exactly once, and each has
 * exactly one event in Kafka (redelivered copies share their id).
 */
class GracefulShutdownIT {

    private static final int CERTIFICATES = 100;
    private static final String TEST_KEK = "it1:dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";

    private final List<Process> started = new ArrayList<>();
    private Path logs;

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(Process::destroyForcibly);
        RestAssured.reset();
    }

    @Test
    void noDueActionIsLostOrDoubledWhenRenewdIsStoppedWithSigtermAndStartedAgain() throws Exception {
        logs = Files.createDirectories(Path.of("target", "shutdown-it"));
        int port = freePort();
        int managementPort = freePort();
        Process first = start(port, managementPort, "first");
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + TestTokens.admin()).build();
        String vault = TestVaults.create();
        for (int i = 0; i < CERTIFICATES; i++) {
            given().contentType(ContentType.JSON).header("X-Request-Id", "it-create-" + i).body("""
                            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=c%d", "validity": "PT1H"},
                             "lifetime_actions": [{"trigger": {"lifetime_percentage": 50}, "action": {"action_type": "EmailContacts"}}]}}"""
                            .formatted(i))
                    .post("/vaults/{v}/certificates/c{i}/create", vault, i).then().statusCode(202).header("X-Request-Id", "it-create-" + i);
        }

        // Everything falls due at once: the sweep works through it one version per transaction.
        sql("update due_action set due_at = now() - interval '1 second' where certificate_id in (select id from certificate where vault = ?)", vault);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> count("select count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? and d.state <> 'pending'", vault) > 0);
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("renewd exits after SIGTERM").isTrue();
        long settledBeforeRestart = count("select count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? and d.state <> 'pending'", vault);

        start(port, managementPort, "second");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                select count(*) from due_action d join certificate c on c.id = d.certificate_id
                where c.vault = ? and d.state = 'pending' and d.due_at <= now()""", vault) == 0
                && count("select count(*) from outbox where aggregateid like ? || '/%' and published_at is null", vault) == 0);

        // Per version: the action, the latest overdue notice and the expiry fire; the older notices are skipped.
        Map<String, Long> states = counts("""
                select d.state, count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? group by d.state""", vault);
        assertThat(states).containsEntry("fired", 3L * CERTIFICATES).containsEntry("skipped", 2L * CERTIFICATES).doesNotContainKey("pending");
        assertThat(settledBeforeRestart).as("the restart came in the middle of the backlog").isLessThan(5L * CERTIFICATES);
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
        for (String line : Files.readAllLines(logs.resolve("first.log"))) {
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
     * The packaged renewd as in production: the API over HTTPS only (the test's certificate),
     * health on the management interface.
     */
    private Process start(int port, int managementPort, String name) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged renewd (mvn verify packages it before the integration tests)").exists();
        Map<String, String> config = new HashMap<>(RealServices.get().quarkusConfig());
        config.put("quarkus.http.ssl-port", String.valueOf(port));
        config.put("quarkus.management.port", String.valueOf(managementPort));
        config.putAll(TestTls.localhost().quarkusConfig());
        config.put("renewd.kek.keys", TEST_KEK);
        config.put("renewd.kek.active", "it1");
        config.put("renewd.scheduler.sweep-interval", "1s");
        config.put("renewd.scheduler.batch-size", "1");
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("quarkus.oidc.token.audience", TestTokens.AUDIENCE);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
        started.add(process);
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = port;
        RestAssured.trustStore(TestTls.localhost().trustStore());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> given().baseUri("http://localhost").port(managementPort).get("/q/health/ready").statusCode() == 200);
        return process;
    }

    private static void sql(String statement, String vault) throws SQLException {
        try (var connection = connection(); var prepared = connection.prepareStatement(statement)) {
            prepared.setString(1, vault);
            prepared.executeUpdate();
        }
    }

    private static long count(String query, String vault) throws SQLException {
        try (var connection = connection(); var prepared = connection.prepareStatement(query)) {
            prepared.setString(1, vault);
            try (var rows = prepared.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Long> counts(String query, String vault) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (var connection = connection(); var prepared = connection.prepareStatement(query)) {
            prepared.setString(1, vault);
            try (var rows = prepared.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static java.sql.Connection connection() throws SQLException {
        var config = RealServices.get().quarkusConfig();
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
