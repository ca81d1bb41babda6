package io.renewd.renewal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.application.renewal.ClaimOperations;
import io.renewd.application.renewal.PrepareAttempt;
import io.renewd.application.renewal.RecordAttempt;
import io.renewd.application.renewal.RenewalWorker;
import io.renewd.application.renewal.RequestRenewal;
import io.renewd.issuer.IssueResult;
import io.renewd.issuer.selfsigned.SelfSignedIssuer;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewers racing and crashing: one due action never makes two versions. This process runs no
 * renewer of its own; the test plays two of them.
 */
@QuarkusTest
@TestProfile(WithoutRenewerRole.class)
class RenewerConcurrencyTest {

    @Inject
    RequestRenewal requestRenewal;
    @Inject
    RenewalWorker worker;
    @Inject
    ClaimOperations claims;
    @Inject
    PrepareAttempt prepare;
    @Inject
    RecordAttempt record;
    @Inject
    SelfSignedIssuer selfSigned;
    @Inject
    DataSource dataSource;

    private String vault;
    private String version;

    @BeforeEach
    void certificateDueForRenewal() {
        vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=race.example.com", "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""")
                .post("/vaults/{v}/certificates/race/create", vault).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/race", vault).then().extract().path("id");
        version = id.substring(id.lastIndexOf('/') + 1);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void twoRenewersOnOneDueActionMakeOneVersion() throws Exception {
        var outcomes = inParallel(() -> requestRenewal.execute(vault, "race", version), () -> requestRenewal.execute(vault, "race", version));
        assertThat(outcomes).containsExactlyInAnyOrder(RequestRenewal.Outcome.REQUESTED, RequestRenewal.Outcome.ALREADY_REQUESTED);

        var attempts = inParallel(worker::workThroughDue, worker::workThroughDue);
        assertThat(attempts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);

        assertThat(versions()).isEqualTo(2);
        assertThat(renewedEvents()).isEqualTo(1);
        assertThat(requestRenewal.execute(vault, "race", version)).isEqualTo(RequestRenewal.Outcome.ALREADY_RENEWED);
        given().get("/vaults/{v}/certificates/race/pending", vault).then().statusCode(200).body("status", org.hamcrest.Matchers.is("completed"));
    }

    @Test
    void aRenewerThatDiesMidRenewalIsTakenOverAndItsLateAnswerIsDiscarded() throws Exception {
        assertThat(requestRenewal.execute(vault, "race", version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        long certificateId = certificateId();
        List<ClaimOperations.Claim> claimed = claims.execute().stream().filter(c -> c.certificateId() == certificateId).toList();
        assertThat(claimed).hasSize(1);
        var crashed = (PrepareAttempt.Attempt) prepare.execute(claimed.getFirst());
        IssueResult lateAnswer = selfSigned.issue(crashed.request());

        // While its lease holds, nobody else touches the operation.
        worker.workThroughDue();
        assertThat(versions()).isEqualTo(1);

        TestClock.advance(Duration.ofMinutes(6));
        worker.workThroughDue();
        assertThat(versions()).isEqualTo(2);

        assertThat(record.execute(claimed.getFirst(), crashed, lateAnswer)).isEqualTo(RecordAttempt.Outcome.DISCARDED);
        assertThat(versions()).isEqualTo(2);
        assertThat(renewedEvents()).isEqualTo(1);
    }

    @Test
    void aCancelledRenewalStopsBeforeItReachesTheIssuer() throws Exception {
        assertThat(requestRenewal.execute(vault, "race", version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        given().contentType(ContentType.JSON).body("{\"cancellation_requested\": true}")
                .patch("/vaults/{v}/certificates/race/pending", vault).then().statusCode(200);

        worker.workThroughDue();

        assertThat(versions()).isEqualTo(1);
        given().get("/vaults/{v}/certificates/race/pending", vault).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("cancelled"));
    }

    @SafeVarargs
    private static <T> List<T> inParallel(Callable<T>... tasks) throws Exception {
        var barrier = new CyclicBarrier(tasks.length);
        try (var executor = Executors.newFixedThreadPool(tasks.length)) {
            List<Future<T>> futures = java.util.Arrays.stream(tasks).map(task -> executor.submit(() -> {
                barrier.await();
                return task.call();
            })).toList();
            var results = new java.util.ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private long certificateId() throws SQLException {
        return query("select id from certificate where vault = ? and name = 'race'");
    }

    private long versions() throws SQLException {
        return query("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ? and c.name = 'race'");
    }

    private long renewedEvents() throws SQLException {
        return query("select count(*) from outbox where aggregateid = ? || '/race' and payload ->> 'cause' = 'renewed'");
    }

    private long query(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, vault);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
