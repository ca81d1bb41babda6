package io.renewd.application.schedule;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sweepers running at once (several replicas, or {@code renewd.scheduler.sweepers} in one) share a burst of due actions. */
@QuarkusTest
@TestProfile(ConcurrentSweepersTest.BatchesOfTwo.class)
class ConcurrentSweepersTest {

    /** Batches of two versions; the background sweep runs once at start, so only the test sweeps. */
    public static class BatchesOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.roles", "api,scheduler", "renewd.scheduler.batch-size", "2", "renewd.scheduler.sweepers", "2",
                    "renewd.scheduler.sweep-interval", "1h");
        }
    }

    @Inject
    SweepDueActions sweep;

    @Inject
    SweepSchedule schedule;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aSweeperTakesTheNextBatchWhileAnotherHoldsTheEarliestDueOne() throws Exception {
        String vault = vaultWithDueActions("c", 6);

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            // Another sweeper's claim: the two earliest due versions, locked until it commits.
            try (var lock = other.prepareStatement("""
                    select v.id from certificate_version v join certificate c on c.id = v.certificate_id
                    where c.vault = ? and c.name in ('c0', 'c1') for update""")) {
                lock.setString(1, vault);
                lock.executeQuery().close();
            }

            assertThat(sweep.sweepBatch()).as("versions claimed past the held batch").isEqualTo(2);
            Map<String, String> states = emailActionStates(vault);
            assertThat(states).containsEntry("c0", "pending").containsEntry("c1", "pending");
            assertThat(states.values()).filteredOn("fired"::equals).hasSize(2);
            other.commit();
        }

        while (sweep.sweepBatch() > 0) {
            // the rest, the released batch among them
        }
        assertThat(emailActionStates(vault)).hasSize(6).allSatisfy((name, state) -> assertThat(state).as(name).isEqualTo("fired"));
    }

    @Test
    void theScheduleWithTwoSweepersFiresABurstOfManyBatchesEachActionOnce() throws Exception {
        String vault = vaultWithDueActions("s", 9);

        schedule.wake();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(emailActionStates(vault))
                .hasSize(9).allSatisfy((name, state) -> assertThat(state).as(name).isEqualTo("fired")));
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     select count(*), count(distinct aggregateid) from outbox
                     where aggregateid like ? and type = 'io.renewd.certificate.NearExpiry'""")) {
            query.setString(1, vault + "/%");
            try (var rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("events").isEqualTo(9);
                assertThat(rows.getLong(2)).as("certificates with an event").isEqualTo(9);
            }
        }
        assertThat(schedule.sweeping()).as("sweeping after the burst").isFalse();
    }

    /** A new vault with COUNT certificates (PREFIX0, PREFIX1, …) whose EmailContacts actions are due, in creation order. */
    private static String vaultWithDueActions(String prefix, int count) {
        String vault = TestVaults.create();
        for (int i = 0; i < count; i++) {
            create(vault, prefix + i);
        }
        TestClock.advance(Duration.ofMinutes(50));
        return vault;
    }

    private Map<String, String> emailActionStates(String vault) throws Exception {
        Map<String, String> states = new TreeMap<>();
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     select c.name, d.state from due_action d join certificate c on c.id = d.certificate_id
                     where c.vault = ? and d.kind = 'EmailContacts'""")) {
            query.setString(1, vault);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(states.put(rows.getString(1), rows.getString(2))).as("one EmailContacts action per certificate").isNull();
                }
            }
        }
        return states;
    }

    /** One hour of validity, EmailContacts at 80 %: due 48 minutes after creation, before any notice or the expiry. */
    private static void create(String vault, String name) {
        given().contentType(ContentType.JSON)
                .body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=" + name + "\", \"validity\": \"PT1H\"},"
                        + " \"lifetime_actions\": [{\"trigger\": {\"lifetime_percentage\": 80}, \"action\": {\"action_type\": \"EmailContacts\"}}]}}")
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }
}
