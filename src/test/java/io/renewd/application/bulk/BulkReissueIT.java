package io.renewd.application.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.IssuerLimits;
import io.renewd.testing.ApiVersionByDefault;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.RealServices;
import io.renewd.testing.TestDatabase;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.renewd.testing.TestDatabase.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, done when: packaged renewd processes on real PostgreSQL and Kafka re-issue a few
 * hundred certificates through a {@code ca} issuer exactly once each, whether two processes share
 * the bulk or the only one is killed (SIGKILL) in the middle of it and another takes over; and two
 * processes sharing a bulk of ACME certificates order each exactly once from a real Pebble, whichever
 * process placed an order and whichever resumed it.
 */
class BulkReissueIT {

    private static final int LEAVES = 300;
    /** The leaves the killed renewer's bulk re-issues before it is killed. */
    private static final int FIRST_SHARE = 40;
    /** ACME leaves take a dozen signed requests each: fewer, still several batches per process. */
    private static final int ACME_LEAVES = 40;
    private static final String ACME_DOMAIN = "bulk.renewd.test";
    private static final int CREATES_IN_FLIGHT = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NEW_VERSION = "io.renewd.certificate.NewVersionCreated";
    private static final String WAITING_FOR = """
            select distinct application_name from pg_stat_activity
            where wait_event_type = 'Lock' and query like ? and datname = current_database()""";

    private final List<PackagedRenewd> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(PackagedRenewd::close);
    }

    @Test
    void twoProcessesSharingABulkReissueIssueEachCertificateExactlyOnce() throws Exception {
        PackagedRenewd first = launch("bulk-shared-first", Duration.ofMinutes(2), Map.of());
        PackagedRenewd second = launch("bulk-shared-second", Duration.ofMinutes(2), Map.of());
        ready(first);
        ready(second);
        String vault = caVaultWithLeaves(first, second);
        sharedBulk(first, second, vault, "team-ca", LEAVES);
    }

    @Test
    void twoProcessesSharingAnAcmeBulkReissueOrderEachCertificateExactlyOnceFromTheCa() throws Exception {
        int http01Port = io.renewd.testing.FreePorts.next();
        try (PebbleServer pebble = PebbleServer.start(new PebbleServer.Options(http01Port, Map.of()))) {
            String vault = TestVaults.newName();
            Map<String, String> acme = Map.of(
                    "renewd.acme.allowed-hosts", "127.0.0.1",
                    "renewd.acme.trust-store", pebble.writeTrustStore(Path.of("target", "packaged-renewd", "bulk-pebble.p12")).toString(),
                    "renewd.acme.trust-store-password", "changeit",
                    "renewd.acme.names." + vault, "**." + ACME_DOMAIN);
            // Pebble validates through the first process's HTTP-01 listener; it answers the second's challenges too (they are shared in the database).
            PackagedRenewd first = launch("acme-bulk-first", Duration.ofMinutes(2), with(acme, PackagedRenewd.HTTP01_PORT, String.valueOf(http01Port)));
            PackagedRenewd second = launch("acme-bulk-second", Duration.ofMinutes(2), acme);
            ready(first);
            ready(second);
            api(first).contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
            api(first).contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"}}")
                    .put("/vaults/{v}/certificates/issuers/pebble", vault).then().statusCode(200);
            createLeaves(vault, ACME_LEAVES, name -> """
                    {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                     "x509_props": {"subject": "CN=%1$s.%2$s", "sans": {"dns_names": ["%1$s.%2$s"]}}, "issuer": {"name": "pebble"}}}"""
                    .formatted(name, ACME_DOMAIN), first, second);

            sharedBulk(first, second, vault, "pebble", ACME_LEAVES);
            assertThat(issuedByPebble(pebble)).as("Pebble issued each leaf once at creation and once in the bulk; its log:%n%s", pebble.log())
                    .isEqualTo(2L * ACME_LEAVES);
        }
    }

    /**
     * Starts a bulk re-issue of {@code issuer}'s leaves that both processes take a share of, and checks it ends with each
     * leaf re-issued exactly once.
     */
    private static void sharedBulk(PackagedRenewd first, PackagedRenewd second, String vault, String issuer, int leaves) throws Exception {
        await("the leaves' creations are logged").atMost(Duration.ofSeconds(30))
                .until(() -> newVersionLines(first, vault) + newVersionLines(second, vault) == leaves);
        long firstBefore = newVersionLines(first, vault);
        long secondBefore = newVersionLines(second, vault);

        String id;
        // Holding the versions' table lets the bulk start (it only reads versions) while every renewer that got a leaf
        // signed waits to store it: once both processes wait, each has taken a share of the bulk, whatever their speed.
        try (var holder = TestDatabase.connection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table certificate_version in exclusive mode");
            id = startBulk(first, vault, issuer);
            await("both processes wait to store a re-issued leaf").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> waiting("%insert into certificate_version%").containsAll(Set.of(name(first), name(second))));
            holder.commit();
        }

        assertEachLeafReissuedOnce(second, vault, id, leaves);
        await("the re-issues are logged").atMost(Duration.ofSeconds(30))
                .until(() -> newVersionLines(first, vault) + newVersionLines(second, vault) == 2L * leaves);
        assertThat(newVersionLines(first, vault) - firstBefore).as("the first process re-issued some").isPositive();
        assertThat(newVersionLines(second, vault) - secondBefore).as("the second process re-issued some").isPositive();
    }

    @Test
    void aRenewerKilledInTheMiddleOfABulkReissueIsResumedAfterRestartWithNoCertificateIssuedTwiceOrSkipped() throws Exception {
        PackagedRenewd killed = ready(launch("bulk-killed", Duration.ofSeconds(5), Map.of()));
        String vault = caVaultWithLeaves(killed);
        // The issuer's hourly order limit stops the bulk after its first leaves, whatever the machine's speed.
        limitOrdersPerHour(killed, vault, "team-ca", FIRST_SHARE);
        String id = startBulk(killed, vault, "team-ca");
        await("the bulk's first leaves are re-issued").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> completed(id) == FIRST_SHARE);

        // Holding the versions' table makes the renewer wait with signed leaves in hand once the limit is lifted.
        try (var holder = TestDatabase.connection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table certificate_version in exclusive mode");
            limitOrdersPerHour(killed, vault, "team-ca", IssuerLimits.MAX_ORDERS_PER_HOUR);
            await("the renewer waits to store a re-issued leaf").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waiting("%insert into certificate_version%").contains("bulk-killed"));
            killed.process().destroyForcibly();
            assertThat(killed.process().waitFor(30, TimeUnit.SECONDS)).as("SIGKILL ends renewd").isTrue();
            holder.commit();
        }
        assertThat(completed(id)).as("killed in the middle of the bulk").isEqualTo((long) FIRST_SHARE);
        assertThat(count("select count(*) from certificate_operation where bulk_id = ?::uuid and status = 'inProgress' and lease_owner is not null", id))
                .as("the killed renewer held operations").isPositive();

        PackagedRenewd restarted = ready(launch("bulk-restarted", Duration.ofSeconds(5), Map.of()));
        assertEachLeafReissuedOnce(restarted, vault, id, LEAVES);
    }

    /** The bulk ends with every leaf done, each leaf has exactly two versions, and Kafka has one event per version and one end. */
    private static void assertEachLeafReissuedOnce(PackagedRenewd renewd, String vault, String id, int leaves) throws Exception {
        await("the bulk re-issue ends").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> !"inProgress".equals(api(renewd).get("/vaults/{v}/reissues/{id}", vault, id).then().statusCode(200)
                        .extract().path("status")));
        JsonNode bulk = MAPPER.readTree(api(renewd).get("/vaults/{v}/reissues/{id}", vault, id).then().extract().asString());
        assertThat(bulk.path("status").asText()).isEqualTo("completed");
        assertThat(List.of(bulk.path("selected").asInt(), bulk.path("done").asInt(), bulk.path("failed").asInt(),
                bulk.path("inProgress").asInt(), bulk.path("cancelled").asInt())).containsExactly(leaves, leaves, 0, 0, 0);
        assertThat(bulk.path("failures")).isEmpty();
        assertThat(TestDatabase.counts("""
                select n::text, count(*) from (
                    select count(v.id) as n from certificate c left join certificate_version v on v.certificate_id = c.id
                    where c.vault = ? and c.name like 'leaf-%' group by c.id) per_leaf
                group by n""", vault))
                .as("leaves by their number of versions: none issued twice, none skipped").isEqualTo(Map.of("2", (long) leaves));

        Set<String> versions = new HashSet<>(TestDatabase.strings("""
                select v.version from certificate_version v join certificate c on c.id = v.certificate_id
                where c.vault = ? and c.name like 'leaf-%'""", vault));
        // Read until every stored version has an event: after a crash, redelivered copies may come before other events.
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil("renewd.certificate.renewed",
                r -> r.key().startsWith(vault + "/leaf-") && NEW_VERSION.equals(TopicReader.header(r, "ce_type")),
                read -> read.stream().map(BulkReissueIT::version).collect(Collectors.toSet()).containsAll(versions), Duration.ofSeconds(60));
        Map<String, Set<String>> idsByVersion = new HashMap<>();
        for (var event : events) {
            idsByVersion.computeIfAbsent(version(event), v -> new HashSet<>()).add(TopicReader.header(event, "ce_id"));
        }
        assertThat(idsByVersion.keySet()).as("a NewVersionCreated event for each stored version, none for another").isEqualTo(versions);
        assertThat(idsByVersion).as("one event id per version (a redelivered copy shares it)").allSatisfy((version, ids) -> assertThat(ids).hasSize(1));

        var ends = TopicReader.readUntil("renewd.bulk", r -> r.key().equals(vault + "/" + id),
                        read -> read.stream().anyMatch(r -> "io.renewd.bulk.ReissueEnded".equals(TopicReader.header(r, "ce_type"))), Duration.ofSeconds(30))
                .stream()
                .filter(r -> "io.renewd.bulk.ReissueEnded".equals(TopicReader.header(r, "ce_type"))).toList();
        assertThat(ends.stream().map(r -> TopicReader.header(r, "ce_id")).collect(Collectors.toSet())).as("one ReissueEnded").hasSize(1);
        assertThat(count("select count(*) from outbox where aggregateid = ? and type = 'io.renewd.bulk.ReissueEnded'", vault + "/" + id))
                .isEqualTo(1);
    }

    /**
     * The packaged renewd with every role, polling for due operations every 200 ms and claiming few at a time (so
     * processes interleave); its database connections carry {@code name} as application name, for pg_stat_activity.
     */
    private PackagedRenewd launch(String name, Duration lease, Map<String, String> extra) throws IOException {
        String url = RealServices.get().quarkusConfig().get("quarkus.datasource.jdbc.url");
        Map<String, String> config = new HashMap<>(extra);
        config.putAll(Map.of(
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE,
                "quarkus.datasource.jdbc.url", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name,
                "renewd.renewer.poll-interval", "200ms",
                "renewd.renewer.batch-size", "5",
                "renewd.renewer.lease", lease.toSeconds() + "s"));
        PackagedRenewd renewd = PackagedRenewd.start(name, config,
                // The concurrent renewer caps a named issuer's leases across all replicas (4 by default), and all ACME
                // issuers' together (6): both lifted, so the second process finds work while the first one's attempts wait
                // (with 6, the first process's attempts waiting to store their leaves could hold every ACME lease, and the
                // second's parked orders never be resumed). Environment variables, which a renewd without those settings
                // ignores (a system property it does not know would stop it).
                Map.of("RENEWD_RENEWER_ISSUER_MAX_CONCURRENT", "64", "RENEWD_ACME_MAX_CONCURRENT", "64"));
        started.add(renewd);
        return renewd;
    }

    private static PackagedRenewd ready(PackagedRenewd renewd) throws IOException {
        assertThat(renewd.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(renewd.log())).isTrue();
        return renewd;
    }

    private static RequestSpecification api(PackagedRenewd renewd) {
        return given(new RequestSpecBuilder().setBaseUri("https://localhost").setPort(renewd.port())
                .setTrustStore(TestTls.localhost().trustStore()).addHeader("Authorization", "Bearer " + TestTokens.admin())
                .addFilter(ApiVersionByDefault.FILTER).build());
    }

    /** A vault with a root CA, a {@code ca} issuer {@code team-ca} it backs, and {@link #LEAVES} leaves issued through it. */
    private static String caVaultWithLeaves(PackagedRenewd... processes) throws Exception {
        PackagedRenewd renewd = processes[0];
        String vault = TestVaults.newName();
        api(renewd).contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        api(renewd).contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""")
                .post("/vaults/{v}/certificates/root-ca/create", vault).then().statusCode(202);
        await("the root CA is issued").atMost(Duration.ofSeconds(30)).until(() -> versions(vault) == 1);
        api(renewd).contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        createLeaves(vault, LEAVES, name -> """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s", "validity_months": 6},
                 "issuer": {"name": "team-ca"}}}""".formatted(name), processes);
        return vault;
    }

    /**
     * Creates {@code count} leaves {@code leaf-000}, … with the policy {@code body} gives for a name, their creations
     * spread over {@code processes} and sent a few at a time over one HTTP/2 connection each, and waits until each has
     * its version.
     */
    private static void createLeaves(String vault, int count, Function<String, String> body, PackagedRenewd... processes) throws Exception {
        String token = TestTokens.admin();
        Semaphore inFlight = new Semaphore(CREATES_IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "leaf-%03d".formatted(i);
            HttpRequest create = HttpRequest.newBuilder(processes[i % processes.length].api("/vaults/" + vault + "/certificates/" + name + "/create"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(name))).build();
            inFlight.acquire();
            answers.add(HTTP.sendAsync(create, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> inFlight.release()));
        }
        for (var answer : answers) {
            assertThat(answer.join().statusCode()).as(answer.join().body()).isEqualTo(202);
        }
        await("every leaf is issued").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> leafVersions(vault) == count);
    }

    private static void limitOrdersPerHour(PackagedRenewd renewd, String vault, String issuer, int orders) {
        api(renewd).contentType(ContentType.JSON).body("{\"limits\": {\"max_orders_per_hour\": %d}}".formatted(orders))
                .patch("/vaults/{v}/certificates/issuers/{i}", vault, issuer).then().statusCode(200);
    }

    private static String startBulk(PackagedRenewd renewd, String vault, String issuer) {
        return api(renewd).contentType(ContentType.JSON).body("{\"selector\": {\"issuer\": \"%s\"}, \"reason\": \"%1$s moves to a new HSM\"}".formatted(issuer))
                .post("/vaults/{v}/certificates/reissue", vault).then().statusCode(202).extract().path("id");
    }

    private static long versions(String vault) throws SQLException {
        return count("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ?", vault);
    }

    private static long leafVersions(String vault) throws SQLException {
        return count("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ? and c.name like 'leaf-%'", vault);
    }

    /** The certificates Pebble says it issued. */
    private static long issuedByPebble(PebbleServer pebble) {
        return pebble.log().lines().filter(line -> line.contains("Issued certificate serial")).count();
    }

    /** The application name a process's database connections carry (its name). */
    private static String name(PackagedRenewd renewd) {
        return renewd.log().getFileName().toString().replaceFirst("\\.log$", "");
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> more = new HashMap<>(config);
        more.put(key, value);
        return more;
    }

    private static long completed(String bulk) throws SQLException {
        return count("select count(*) from certificate_operation where bulk_id = ?::uuid and status = 'completed'", bulk);
    }

    /** The {@code Version} a NewVersionCreated event announces. */
    private static String version(ConsumerRecord<String, String> event) {
        try {
            return MAPPER.readTree(event.value()).path("Version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application names of connections waiting for a lock in a statement like {@code pattern}. */
    private static List<String> waiting(String pattern) throws SQLException {
        return TestDatabase.strings(WAITING_FOR, pattern);
    }

    /** The lines of renewd's log saying a leaf of {@code vault} has a new version. */
    private static long newVersionLines(PackagedRenewd renewd, String vault) {
        try {
            return Files.readAllLines(renewd.log()).stream().filter(line -> line.contains(vault + "/leaf-") && line.contains("has a new version")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
