package io.renewd.application.inventory;

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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writers of the tables the inventory follows, on the same certificates at once: a renewal requested (the
 * certificate locked, then its operation), the renewer recording chunks of answers (the operations locked, then the
 * versions and due actions written) and the sweep firing the old versions' due actions (the due actions locked, many
 * certificates in one statement). Triggers that update the certificate's row from those tables (the first V23) make
 * them wait for each other in opposite orders: PostgreSQL detects a deadlock (40P01) and aborts one of them.
 */
@QuarkusTest
@TestProfile(InventoryRefreshProfile.class)
class InventoryWritersConcurrencyTest {

    private static final int ROUNDS = 12;
    /** One certificate alone and a few sharing the renewer's chunks (at least 4 a chunk). */
    private static final List<String> NAMES = List.of("alone", "shared-1", "shared-2", "shared-3", "shared-4", "shared-5", "shared-6");

    @Inject
    RequestRenewal requestRenewal;
    @Inject
    RenewalWorker worker;
    @Inject
    SweepDueActions sweep;
    @Inject
    RefreshInventory refresh;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void renewalsRequestedRecordedAndSweptAtOnceNeverDeadlock() throws Exception {
        String vault = TestVaults.create();
        for (String name : NAMES) {
            given().contentType(ContentType.JSON).body("""
                            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s.example.com", "validity": "PT24H"},
                             "lifetime_actions": [{"trigger": {"lifetime_percentage": 50}, "action": {"action_type": "EmailContacts"}},
                                                  {"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""".formatted(name))
                    .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        }
        worker.workThroughDue();
        long pendingPerRound = pending(vault);
        Problems problems = Problems.capture();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // Both lifetime actions of every current version fall due.
                TestClock.advance(Duration.ofHours(20));
                List<RequestRenewal.Due> dues = NAMES.stream().map(name -> new RequestRenewal.Due(vault, name, currentVersion(vault, name))).toList();
                assertThat(requestRenewal.executeAll(dues)).as("round %d", round).containsOnly(RequestRenewal.Outcome.REQUESTED);

                int sweepAfterLease = round % 2;
                var results = atOnce(
                        worker::workThroughDue,
                        () -> {
                            // Every other round the sweep starts while the renewer holds its operations (between prepare and record).
                            if (sweepAfterLease == 1) {
                                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                                        .until(() -> leased(vault) > 0 || completed(vault) == NAMES.size());
                            }
                            int swept = 0;
                            for (int batch = sweep.sweepBatch(); batch > 0; batch = sweep.sweepBatch()) {
                                swept += batch;
                            }
                            return swept;
                        },
                        () -> requestRenewal.executeAll(dues).size());
                assertThat(results.get(0)).as("operations the renewer claimed in round %d", round).isEqualTo(NAMES.size());
                problems.assertNone();

                for (String name : NAMES) {
                    assertThat(versions(vault, name)).as("%s after round %d", name, round).isEqualTo(round + 1);
                    assertThat(operationStatus(vault, name)).as("%s after round %d", name, round).isEqualTo("completed");
                }
                // The old versions' actions were fired or cancelled (none left pending); each new version has its own pending.
                assertThat(TestDatabase.count("""
                        select count(*) from due_action d join certificate c on c.id = d.certificate_id
                        where c.vault = ? and d.state = 'pending'
                          and d.version_id <> (select v.id from certificate_version v where v.certificate_id = c.id order by v.created_at desc, v.id desc limit 1)""",
                        vault)).as("pending actions of old versions after round %d", round).isZero();
                assertThat(pending(vault)).as("pending actions after round %d", round).isEqualTo(pendingPerRound);
            }
        } finally {
            problems.close();
        }
        // The inventory, refreshed, agrees with the live tables.
        refresh.refreshNow();
        assertThat(TestDatabase.count("""
                select count(*) from certificate_inventory i
                where i.vault = ? and not i.deleted and i.last_result = 'completed' and i.operation_state is null
                  and i.current_not_after = (select max(v.not_after) from certificate_version v where v.certificate_id = i.certificate_id)
                  and i.next_due_at = (select min(d.due_at) from due_action d where d.certificate_id = i.certificate_id and d.state = 'pending')""",
                vault)).isEqualTo(NAMES.size());
    }

    /** Starts the tasks at the same moment; their results, or the first task's exception. */
    @SafeVarargs
    private static List<Object> atOnce(Callable<Object>... tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(tasks.length)) {
            List<Future<Object>> futures = IntStream.range(0, tasks.length).mapToObj(i -> executor.submit(() -> {
                start.await();
                return tasks[i].call();
            })).toList();
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private static String currentVersion(String vault, String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static long versions(String vault, String name) throws Exception {
        return TestDatabase.count("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ? and c.name = ?",
                vault, name);
    }

    private static String operationStatus(String vault, String name) throws Exception {
        return TestDatabase.strings("select o.status from certificate_operation o join certificate c on c.id = o.certificate_id where c.vault = ? and c.name = ?",
                vault, name).getFirst();
    }

    private static long pending(String vault) throws Exception {
        return TestDatabase.count("select count(*) from due_action d join certificate c on c.id = d.certificate_id where c.vault = ? and d.state = 'pending'",
                vault);
    }

    private static long leased(String vault) throws Exception {
        return TestDatabase.count("select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id "
                + "where c.vault = ? and o.lease_owner is not null", vault);
    }

    private static long completed(String vault) throws Exception {
        return TestDatabase.count("select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id "
                + "where c.vault = ? and o.status = 'completed'", vault);
    }

    /**
     * What renewd logged at WARN or above while the writers raced: the renewer logs a chunk it could not record (a
     * deadlock among them) and tries again one by one, so only its log tells.
     */
    private static final class Problems extends Handler {

        private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

        static Problems capture() {
            Problems problems = new Problems();
            Logger.getLogger("io.renewd").addHandler(problems);
            return problems;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                StringWriter trace = new StringWriter();
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                }
                seen.add(record.getLoggerName() + ": " + record.getMessage() + "\n" + trace);
            }
        }

        void assertNone() {
            assertThat(seen).as("warnings and errors renewd logged (a 'deadlock detected' among them?)").isEmpty();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("io.renewd").removeHandler(this);
        }
    }
}
