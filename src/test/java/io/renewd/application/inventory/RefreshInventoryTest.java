package io.renewd.application.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.application.renewal.RenewalWorker;
import io.renewd.application.renewal.RequestRenewal;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestDatabase;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * certificate_inventory follows every kind of change of the tables it summarises, after a refresh and not before (this
 * profile's scheduler refreshes only hourly; the test refreshes); refreshers at once share the queue without losing or
 * doubling a change; a refresh rolled back leaves the queue as it was.
 */
@QuarkusTest
@TestProfile(InventoryRefreshProfile.class)
class RefreshInventoryTest {

    private static final String POLICY = """
            {"policy": {"issuer": {"name": "Self"}, "key_props": {"kty": "EC", "crv": "P-256"},
             "x509_props": {"subject": "CN=%s.example.com", "validity": "PT100H"},
             "lifetime_actions": [{"trigger": {"lifetime_percentage": 50}, "action": {"action_type": "EmailContacts"}},
                                  {"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""";

    @Inject
    RefreshInventory refresh;
    @Inject
    RequestRenewal requestRenewal;
    @Inject
    RenewalWorker worker;
    @Inject
    SweepDueActions sweep;

    private String vault;

    @BeforeEach
    void vault() {
        vault = TestVaults.create();
        refresh.refreshNow();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aNewCertificateItsRenewalAndItsNewVersionShowAfterARefresh() throws Exception {
        create("web");
        assertThat(row("web")).as("before a refresh").isEmpty();
        refresh.refreshNow();
        Map<String, String> created = row("web").orElseThrow();
        assertThat(created).containsEntry("last_result", "completed").containsEntry("operation_state", null).containsEntry("deleted", "f")
                .containsEntry("issuer_lower", "self").containsEntry("name", "web").containsEntry("next_due_kind", "EmailContacts");
        assertThat(created.get("current_not_after")).isEqualTo(live("select max(v.not_after)::text from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ? and c.name = 'web'"));
        assertThat(created.get("next_renew_at")).isNotNull();

        String version = currentVersion("web");
        assertThat(requestRenewal.execute(vault, "web", version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        assertThat(row("web").orElseThrow()).as("before a refresh").containsEntry("operation_state", null);
        refresh.refreshNow();
        assertThat(row("web").orElseThrow()).containsEntry("last_result", "inProgress").containsEntry("operation_state", "renewing");

        TestClock.advance(Duration.ofHours(1));
        worker.workThroughDue();
        assertThat(row("web").orElseThrow()).as("before a refresh").containsEntry("operation_state", "renewing")
                .containsEntry("current_not_after", created.get("current_not_after"));
        refresh.refreshNow();
        Map<String, String> renewed = row("web").orElseThrow();
        assertThat(renewed).containsEntry("last_result", "completed").containsEntry("operation_state", null);
        assertThat(renewed.get("current_not_after")).isGreaterThan(created.get("current_not_after"));
        assertThat(renewed.get("next_due_at")).isGreaterThan(created.get("next_due_at"));
    }

    @Test
    void dueActionsFiredByTheSweepAndRescheduledByAPolicyChangeShowAfterARefresh() throws Exception {
        create("swept");
        refresh.refreshNow();
        Map<String, String> before = row("swept").orElseThrow();
        assertThat(before).containsEntry("next_due_kind", "EmailContacts");

        // Half its life: EmailContacts falls due and is fired; AutoRenew is next.
        TestClock.advance(Duration.ofHours(60));
        while (sweep.sweepBatch() > 0) {
            // until nothing more is due
        }
        assertThat(row("swept").orElseThrow()).as("before a refresh").isEqualTo(before);
        refresh.refreshNow();
        Map<String, String> fired = row("swept").orElseThrow();
        assertThat(fired).containsEntry("next_due_kind", "AutoRenew");
        assertThat(fired.get("next_due_at")).isEqualTo(before.get("next_renew_at"));

        // The issuer changed to a person's CA, mailing the contacts at 90 % instead of renewing: the certificate's row and its
        // due actions rewritten.
        given().contentType(ContentType.JSON).body("""
                        {"issuer": {"name": "Unknown"}, "lifetime_actions": [{"trigger": {"lifetime_percentage": 90}, "action": {"action_type": "EmailContacts"}}]}""")
                .patch("/vaults/{v}/certificates/{n}/policy", vault, "swept").then().statusCode(200);
        assertThat(row("swept").orElseThrow()).as("before a refresh").isEqualTo(fired);
        refresh.refreshNow();
        Map<String, String> rescheduled = row("swept").orElseThrow();
        assertThat(rescheduled).containsEntry("issuer_lower", "unknown").containsEntry("issuer", "Unknown").containsEntry("next_due_kind", "EmailContacts")
                .containsEntry("next_renew_at", null);
        assertThat(rescheduled.get("next_due_at")).isGreaterThan(fired.get("next_due_at"));
    }

    @Test
    void operationsWaitingFailingAndCancelledShowAfterARefreshAndTheirLeasesQueueNothing() throws Exception {
        given().contentType(ContentType.JSON).body("{\"policy\": {\"issuer\": {\"name\": \"Unknown\"}, \"x509_props\": {\"subject\": \"CN=csr.example\"}}}")
                .post("/vaults/{v}/certificates/{n}/create", vault, "csr").then().statusCode(202);
        refresh.refreshNow();
        assertThat(row("csr").orElseThrow()).containsEntry("operation_state", "waiting").containsEntry("last_result", "inProgress")
                .containsEntry("current_not_after", null);

        create("flaky");
        refresh.refreshNow();
        long queued = refresh.backlog();
        // The renewer's bookkeeping (leases, the next attempt) changes nothing the inventory shows: nothing is queued.
        TestDatabase.execute("update certificate_operation set lease_owner = gen_random_uuid(), lease_until = now(), next_attempt_at = now() "
                + "where certificate_id = (select id from certificate where vault = ? and name = 'flaky')", vault);
        assertThat(refresh.backlog()).isEqualTo(queued);
        TestDatabase.execute("update certificate_operation set status = 'inProgress', error_code = 'IssuerUnavailable', lease_owner = null "
                + "where certificate_id = (select id from certificate where vault = ? and name = 'flaky')", vault);
        assertThat(row("flaky").orElseThrow()).as("before a refresh").containsEntry("operation_state", null);
        refresh.refreshNow();
        assertThat(row("flaky").orElseThrow()).containsEntry("operation_state", "failing").containsEntry("last_result", "inProgress");

        given().contentType(ContentType.JSON).body("{\"cancellation_requested\": true}")
                .patch("/vaults/{v}/certificates/{n}/pending", vault, "flaky").then().statusCode(200);
        // The renewer ends a cancelled operation at its next attempt.
        worker.workThroughDue();
        refresh.refreshNow();
        assertThat(row("flaky").orElseThrow()).containsEntry("operation_state", null).containsEntry("last_result", "cancelled");
    }

    @Test
    void aCertificateDeletedRecoveredAndPurgedShowsAfterARefresh() throws Exception {
        create("short-lived");
        refresh.refreshNow();

        given().delete("/vaults/{v}/certificates/{n}", vault, "short-lived").then().statusCode(200);
        assertThat(row("short-lived").orElseThrow()).as("before a refresh").containsEntry("deleted", "f");
        refresh.refreshNow();
        assertThat(row("short-lived").orElseThrow()).containsEntry("deleted", "t");

        given().post("/vaults/{v}/deletedcertificates/{n}/recover", vault, "short-lived").then().statusCode(200);
        refresh.refreshNow();
        assertThat(row("short-lived").orElseThrow()).containsEntry("deleted", "f");

        given().delete("/vaults/{v}/certificates/{n}", vault, "short-lived").then().statusCode(200);
        given().delete("/vaults/{v}/deletedcertificates/{n}", vault, "short-lived").then().statusCode(204);
        refresh.refreshNow();
        assertThat(row("short-lived")).isEmpty();
        assertThat(refresh.backlog()).isZero();
    }

    @Test
    void twoRefreshersAtOnceTakeEveryQueuedChangeOnceAndAgree() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("pair-" + i);
            create("pair-" + i);
        }
        // Each certificate queued a thousand times over, more than a batch: every statement on its due actions queues it once.
        TestDatabase.execute("""
                do $$ begin
                    for i in 1..1000 loop
                        update due_action set due_at = due_at where certificate_id in (select id from certificate where vault = '%s');
                    end loop;
                end $$""".formatted(vault));
        long queued = refresh.backlog();
        assertThat(queued).isGreaterThan(RefreshInventory.BATCH);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> refreshers = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(2)) {
            for (int r = 0; r < 2; r++) {
                refreshers.add(executor.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int batch = refresh.refreshBatch(); batch > 0; batch = refresh.refreshBatch()) {
                        taken += batch;
                    }
                    return taken;
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Integer> refresher : refreshers) {
                taken += refresher.get();
            }
            assertThat(taken).as("queue rows taken by the two refreshers").isEqualTo(queued);
        }
        assertThat(refresh.backlog()).isZero();
        for (String name : names) {
            assertThat(row(name).orElseThrow()).containsEntry("last_result", "completed").containsEntry("next_due_kind", "EmailContacts");
        }
        assertThat(TestDatabase.count("select count(*) from certificate_inventory where vault = ?", vault)).isEqualTo(names.size());
    }

    /** What the queue's statistics said when PostgreSQL made the plan it caches for the take. */
    enum QueueWhenPlanned {
        /** Analysed just after a refresh emptied it: pages, no rows (what autovacuum sees between two bursts). */
        EMPTIED_AND_ANALYSED,
        /** No pages at all (a vacuum truncated it, or a fresh database), the plan made then. */
        WITHOUT_PAGES
    }

    /**
     * The plan PostgreSQL uses for the refresher's take of a batch, with the refresher's settings, once the queue has grown
     * far past the statistics it was analysed with and after the statement was first run on an empty queue: the rows of
     * every node over all its loops stay within a few times the queue (the join the take once was made them queue times
     * batch, 100 million, 15 s of a core), and no queue row is compared with the batch by a filter (a scan filtering on the
     * batch's array compared each row with all of it: 1.5 s a batch in a bulk re-issue).
     */
    @ParameterizedTest
    @EnumSource(QueueWhenPlanned.class)
    void takingABatchOfALargeQueueCostsInProportionToTheQueueWhateverItsStatistics(QueueWhenPlanned planned) throws Exception {
        int queue = 20_000;
        try (Connection connection = TestDatabase.connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                String fill = "insert into certificate_inventory_dirty (certificate_id) select g from generate_series(1, " + queue + ") g";
                statement.execute(RefreshInventory.PLAN_FOR_THE_QUEUE_AS_IT_IS);
                statement.execute("prepare take_batch(int) as " + RefreshInventory.TAKE.replace("?1", "$1"));
                switch (planned) {
                    case EMPTIED_AND_ANALYSED -> {
                        statement.execute(fill);
                        statement.execute("delete from certificate_inventory_dirty");
                        statement.execute("analyze certificate_inventory_dirty");
                    }
                    case WITHOUT_PAGES -> {
                        statement.execute("truncate certificate_inventory_dirty");
                        statement.execute("analyze certificate_inventory_dirty");
                        statement.execute("execute take_batch(" + RefreshInventory.BATCH + ")");
                    }
                }
                statement.execute(fill);
                String plan;
                try (ResultSet rows = statement.executeQuery("explain (analyze, format json) execute take_batch(" + RefreshInventory.BATCH + ")")) {
                    rows.next();
                    plan = rows.getString(1);
                }
                JsonNode root = new ObjectMapper().readTree(plan).get(0).get("Plan");
                assertThat(rowsOverAllLoops(root, "Actual Rows"))
                        .as("rows all the plan's nodes produced, over all their loops: %s", plan).isLessThan(5L * queue);
                assertThat(rowsOverAllLoops(root, "Rows Removed by Filter"))
                        .as("queue rows the plan compared with the batch and dropped: %s", plan).isZero();
            } finally {
                connection.rollback();
            }
        }
    }

    private static long rowsOverAllLoops(JsonNode node, String count) {
        long rows = node.path(count).asLong() * node.get("Actual Loops").asLong();
        for (JsonNode child : node.path("Plans")) {
            rows += rowsOverAllLoops(child, count);
        }
        return rows;
    }

    @Test
    void aRefreshRolledBackLeavesTheQueueAndTheInventoryAsTheyWere() throws Exception {
        create("kept");
        long queued = refresh.backlog();
        assertThat(queued).isPositive();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            refresh.refreshBatch();
            throw new IllegalStateException("the refresher's process dies before its commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(refresh.backlog()).isEqualTo(queued);
        assertThat(row("kept")).isEmpty();
        refresh.refreshNow();
        assertThat(row("kept")).isPresent();
    }

    private void create(String name) {
        given().contentType(ContentType.JSON).body(POLICY.formatted(name)).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        worker.workThroughDue();
        given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200).body("status", org.hamcrest.Matchers.is("completed"));
    }

    private String currentVersion(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private String live(String query) throws SQLException {
        return TestDatabase.strings(query, vault).getFirst();
    }

    /** The certificate's inventory row, every column as text. */
    private Optional<Map<String, String>> row(String name) throws SQLException {
        try (var connection = TestDatabase.connection(); var statement = connection.prepareStatement("""
                select vault, name, issuer, issuer_lower, deleted, current_not_after::text, next_due_at::text, next_due_kind, next_renew_at::text,
                       last_result, operation_state
                from certificate_inventory where vault = ? and name_lower = lower(?)""")) {
            statement.setString(1, vault);
            statement.setString(2, name);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getString(i));
                }
                return Optional.of(row);
            }
        }
    }
}
