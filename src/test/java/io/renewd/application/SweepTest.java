package io.renewd.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.KeySpec;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class SweepTest {

    @Inject
    SweepDueActions sweep;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void anImportedCertificatePastItsEightyPercentPointFiresAtTheNextSweepAndOnlyTheLatestOverdueNotice() throws Exception {
        String vault = TestVaults.create();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var chain = TestCertificates.chain("CN=late.example.com", new KeySpec.Rsa(2048), now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(2)));
        given().contentType(ContentType.JSON).body(Map.of("value", chain.pem()))
                .post("/vaults/{v}/certificates/late/import", vault).then().statusCode(200);
        given().get("/vaults/{v}/certificates/late", vault).then()
                .body("renewal.overdue", org.hamcrest.Matchers.is(true))
                .body("renewal.expired", org.hamcrest.Matchers.is(false))
                .body("renewal.next.trigger", org.hamcrest.Matchers.is("notice:P30D"));

        sweepUntilIdle();

        given().get("/vaults/{v}/certificates/late", vault).then()
                .body("renewal.overdue", org.hamcrest.Matchers.is(false))
                .body("renewal.next.action", org.hamcrest.Matchers.is("Expired"))
                .body("renewal.next.dueAt", org.hamcrest.Matchers.is((int) chain.leaf().getNotAfter().toInstant().getEpochSecond()))
                .body("renewal.lastFired.late", org.hamcrest.Matchers.is(true));

        var events = TopicReader.read("renewd.certificate.near-expiry", r -> (vault + "/late").equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(events).hasSize(2);
        var data = new ArrayList<Map<?, ?>>();
        for (var event : events) {
            data.add(new ObjectMapper().readValue(event.value(), Map.class));
            assertThat(TopicReader.header(event, "ce_type")).isEqualTo("io.renewd.certificate.NearExpiry");
        }
        assertThat(data.stream().map(d -> (Object) d.get("action")).toList()).containsExactlyInAnyOrder("EmailContacts", "Notice");
        assertThat(data.stream().map(d -> (Object) d.get("trigger")).toList()).containsExactlyInAnyOrder("lifetime_percentage:80", "notice:P7D");
        assertThat(data).allSatisfy(d -> {
            assertThat(d.get("late")).isEqualTo(true);
            assertThat(d.get("daysLeft")).isEqualTo(1);
            assertThat(d.get("issuer")).isEqualTo("Unknown");
        });
        assertThat(states(vault, "late")).containsEntry("notice:P30D", "skipped").containsEntry("notice:P15D", "skipped")
                .containsEntry("notice:P7D", "fired").containsEntry("lifetime_percentage:80", "fired").containsEntry("expired", "pending");
    }

    @Test
    void aNewerVersionCancelsWhatTheOlderOneHadNotFired() throws Exception {
        String vault = TestVaults.create();
        create(vault, "rolled", "P47D");
        create(vault, "rolled", "P47D");

        // Per version: EmailContacts, the 15- and 7-day notices and the expiry (47 days is not twice 30: no 30-day notice).
        Map<String, Long> byState = countByState(vault, "rolled");
        assertThat(byState).containsEntry("cancelled", 4L).containsEntry("pending", 4L);
    }

    @Test
    void disabledAndDeletedCertificatesFireNothing() throws Exception {
        String vault = TestVaults.create();
        create(vault, "off", "PT1H");
        create(vault, "gone", "PT1H");
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}").patch("/vaults/{v}/certificates/off", vault).then().statusCode(200);
        given().delete("/vaults/{v}/certificates/gone", vault).then().statusCode(200);

        TestClock.advance(Duration.ofHours(2));
        sweepUntilIdle();

        assertThat(countByState(vault, "off")).doesNotContainKey("fired").doesNotContainKey("pending");
        assertThat(countByState(vault, "gone")).doesNotContainKey("fired").doesNotContainKey("pending");
    }

    @Test
    void anExpiredCertificateIsAnnounced() throws Exception {
        String vault = TestVaults.create();
        create(vault, "short", "PT1H");

        TestClock.advance(Duration.ofMinutes(61));
        sweepUntilIdle();

        var expired = TopicReader.read("renewd.certificate.expired", r -> (vault + "/short").equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(expired).hasSize(1);
        assertThat(TopicReader.header(expired.getFirst(), "ce_type")).isEqualTo("io.renewd.certificate.Expired");
        assertThat(states(vault, "short")).containsEntry("expired", "fired").containsEntry("lifetime_percentage:80", "fired");
        given().get("/vaults/{v}/certificates/short", vault).then()
                .body("renewal.expired", org.hamcrest.Matchers.is(true))
                .body("renewal.lastFired.action", org.hamcrest.Matchers.is("Expired"))
                .body("renewal.next", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void twoSweepersOverTheSameDueRowsFireEachActionExactlyOnce() throws Exception {
        String vault = TestVaults.create();
        for (int i = 0; i < 30; i++) {
            create(vault, "c" + i, "PT1H");
        }
        TestClock.advance(Duration.ofMinutes(50));

        try (var pool = Executors.newFixedThreadPool(2)) {
            Callable<Integer> sweeper = () -> {
                int total = 0;
                int settled;
                do {
                    settled = sweep.sweepBatch();
                    total += settled;
                } while (settled > 0);
                return total;
            };
            var first = pool.submit(sweeper);
            var second = pool.submit(sweeper);
            first.get();
            second.get();
        }

        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("""
                     select count(*) filter (where d.state = 'fired'), count(distinct o.id), count(o.id)
                     from due_action d join certificate c on c.id = d.certificate_id
                     left join outbox o on o.aggregateid = c.vault || '/' || c.name and o.type = 'io.renewd.certificate.NearExpiry'
                       and o.payload ->> 'trigger' = d.trigger
                     where c.vault = '%s' and d.kind <> 'Expired'""".formatted(vault))) {
            rows.next();
            // The EmailContacts action of each; a one-hour certificate gets no near-expiry notice.
            assertThat(rows.getLong(1)).as("fired actions").isEqualTo(30);
            assertThat(rows.getLong(2)).as("events").isEqualTo(30);
            assertThat(rows.getLong(3)).as("events joined to actions, no duplicates").isEqualTo(rows.getLong(2));
        }
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // drain everything due now
        }
    }

    /** EmailContacts rather than Self's default AutoRenew: the renewer would otherwise replace the version under the test's eyes. */
    private static void create(String vault, String name, String validity) {
        given().contentType(ContentType.JSON)
                .body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=" + name + "\", \"validity\": \"" + validity + "\"},"
                        + " \"lifetime_actions\": [{\"trigger\": {\"lifetime_percentage\": 80}, \"action\": {\"action_type\": \"EmailContacts\"}}]}}")
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private Map<String, String> states(String vault, String name) throws Exception {
        Map<String, String> states = new java.util.HashMap<>();
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("select d.trigger, d.state from due_action d join certificate c on c.id = d.certificate_id"
                     + " join certificate_version v on v.id = d.version_id where c.vault = '" + vault + "' and c.name = '" + name + "'"
                     + " and v.id = (select max(id) from certificate_version where certificate_id = c.id)")) {
            while (rows.next()) {
                states.put(rows.getString(1), rows.getString(2));
            }
        }
        return states;
    }

    private Map<String, Long> countByState(String vault, String name) throws Exception {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("select d.state, count(*) from due_action d join certificate c on c.id = d.certificate_id"
                     + " where c.vault = '" + vault + "' and c.name = '" + name + "' group by d.state")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

}
