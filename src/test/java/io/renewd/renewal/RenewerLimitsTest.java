package io.renewd.renewal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.application.renewal.ClaimOperations;
import io.renewd.application.renewal.PauseIssuer;
import io.renewd.application.renewal.RenewalWorker;
import io.renewd.application.renewal.RequestRenewal;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The renewer's pool against per-issuer limits, pauses and a vault with far more work than the others. This process
 * runs no renewer of its own; the test drives the workers (and a second renewer) itself.
 */
@QuarkusTest
@TestProfile(WithoutRenewerRole.class)
class RenewerLimitsTest {

    @Inject
    RenewalWorker worker;
    @Inject
    ClaimOperations claims;
    @Inject
    PauseIssuer pauseIssuer;
    @Inject
    RequestRenewal requestRenewal;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void anIssuerNeverHasMoreAttemptsAtOnceThanItsMaxConcurrentAcrossRenewers() throws Exception {
        String vault = vaultWithCaIssuer("{\"max_concurrent\": 2}");
        for (int i = 0; i < 10; i++) {
            createThroughCa(vault, "leaf-" + i);
        }

        // A replica claims: the issuer's share is two, however large the batch.
        List<ClaimOperations.Claim> first = claims.execute(100).stream().filter(c -> vaultOf(c).equals(vault)).toList();
        assertThat(first).hasSize(2);
        // Another replica finds the issuer full while those leases hold.
        assertThat(claims.execute(100).stream().filter(c -> vaultOf(c).equals(vault))).isEmpty();
        TestClock.advance(Duration.ofMinutes(6));

        // Worked by the pool (8 workers): never more than two leased at once, observed in the database throughout.
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong most = new AtomicLong();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                most.accumulateAndGet(count("select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id "
                        + "where c.vault = ? and o.issuer_name = 'team-ca' and o.lease_until >= ?", vault, TestClock.now()), Math::max);
            }
        });
        worker.workThroughDue();
        done.set(true);
        watcher.get();

        assertThat(completed(vault)).isEqualTo(10);
        assertThat(most.get()).isBetween(1L, 2L);
    }

    @Test
    void aCaIssuerWithoutMaxConcurrentSignsInTheProcessAsSelfDoesAndIsNotHeldToTheDefaultOfFour() {
        String vault = vaultWithCaIssuer(null);
        for (int i = 0; i < 10; i++) {
            createThroughCa(vault, "leaf-" + i);
        }

        // renewd.renewer.issuer-max-concurrent (4) bounds issuers called over the network: a bulk of a ca issuer is not.
        assertThat(claims.execute(100).stream().filter(c -> vaultOf(c).equals(vault))).hasSize(10);
        TestClock.advance(Duration.ofMinutes(6));
        worker.workThroughDue();
        assertThat(completed(vault)).isEqualTo(10);
    }

    @Test
    void maxOrdersPerHourLetsNoMoreOrdersStartUntilTheHourHasPassed() {
        String vault = vaultWithCaIssuer("{\"max_concurrent\": 10, \"max_orders_per_hour\": 3}");
        for (int i = 0; i < 5; i++) {
            createThroughCa(vault, "leaf-" + i);
        }

        worker.workThroughDue();
        assertThat(completed(vault)).isEqualTo(3);
        TestClock.advance(Duration.ofMinutes(30));
        worker.workThroughDue();
        assertThat(completed(vault)).isEqualTo(3);

        TestClock.advance(Duration.ofMinutes(31));
        worker.workThroughDue();
        assertThat(completed(vault)).isEqualTo(5);
    }

    @Test
    void aPausedIssuerWaitsUntilItsTimeWhileOtherIssuersAndVaultsGoOn() {
        String vault = vaultWithCaIssuer(null);
        createThroughCa(vault, "leaf");
        String other = TestVaults.create();
        String version = selfSigned(other, "web");
        assertThat(requestRenewal.execute(other, "web", version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);

        Instant before = TestClock.now();
        pauseIssuer.execute(vault, "team-ca", "ca", Duration.ofMinutes(10), "HTTP 429: too many new orders");
        Instant after = TestClock.now();

        worker.workThroughDue();
        pending(other, "web").body("status", is("completed"));
        pending(vault, "leaf").body("status", is("inProgress"))
                .body("status_details", containsString("issuer 'team-ca' is paused until"))
                .body("status_details", containsString("too many new orders"));
        String until = issuer(vault).body("paused.reason", is("rate limited by the CA: HTTP 429: too many new orders"))
                .extract().path("paused.until");
        assertThat(Instant.parse(until)).isBetween(before.plus(Duration.ofMinutes(10)), after.plus(Duration.ofMinutes(10)));

        TestClock.advance(Duration.ofMinutes(11));
        issuer(vault).body("paused", nullValue());
        worker.workThroughDue();
        pending(vault, "leaf").body("status", is("completed"));
    }

    @Test
    void oneVaultsThousandsOfRenewalsDoNotStarveAnotherVault() {
        worker.workThroughDue();
        String busy = TestVaults.create();
        for (int i = 0; i < 30; i++) {
            String version = selfSigned(busy, "c" + i);
            assertThat(requestRenewal.execute(busy, "c" + i, version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        }
        String quiet = TestVaults.create();
        String version = selfSigned(quiet, "web");
        assertThat(requestRenewal.execute(quiet, "web", version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);

        List<ClaimOperations.Claim> claimed = claims.execute(2);

        assertThat(claimed.stream().map(this::vaultOf)).containsExactlyInAnyOrder(busy, quiet);
        TestClock.advance(Duration.ofMinutes(6));
        worker.workThroughDue();
    }

    @Test
    void twoRenewersIssueEachOfManyOperationsExactlyOnce() throws Exception {
        String vault = vaultWithRenewalsRequested("c", 20);

        var barrier = new CyclicBarrier(2);
        try (var renewers = Executors.newFixedThreadPool(2)) {
            var first = renewers.submit(() -> {
                barrier.await();
                return worker.workThroughDue();
            });
            var second = renewers.submit(() -> {
                barrier.await();
                return worker.workThroughDue();
            });
            // Each claim has its own lease owner: together the two claimed every operation once.
            assertThat(first.get() + second.get()).isEqualTo(20);
        }

        assertThat(count("select count(*) from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ?", vault))
                .isEqualTo(40);
        assertThat(count("select count(*) from outbox where aggregateid like ? || '/%' and payload ->> 'cause' = 'renewed'", vault))
                .isEqualTo(20);
        assertThat(completed(vault)).isEqualTo(20);
    }

    /** The web inventory's refresh gives way while a mass renewal is queued in the process (InventorySchedule). */
    @Test
    void aRenewerHoldingMoreThanItsWorkersSaysItWorksThroughABacklogAndStopsSayingSoWhenDone() throws Exception {
        String vault = vaultWithRenewalsRequested("m", 40);
        assertThat(worker.workingThroughABacklog()).as("nothing claimed yet").isFalse();

        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean seen = new AtomicBoolean();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (!done.get() && !seen.get()) {
                seen.set(worker.workingThroughABacklog());
                Thread.onSpinWait();
            }
        });
        assertThat(worker.workThroughDue()).isEqualTo(40);
        done.set(true);
        watcher.get();

        assertThat(seen).as("40 claimed at once for 8 workers").isTrue();
        assertThat(worker.workingThroughABacklog()).as("all worked through").isFalse();
        assertThat(completed(vault)).isEqualTo(40);
    }

    @Test
    void limitsAreValidatedAndShownBack() {
        String vault = vaultWithCaIssuer("{\"max_concurrent\": 3}");
        issuer(vault).body("limits.max_concurrent", is(3)).body("limits.max_orders_per_hour", nullValue());

        given().contentType(ContentType.JSON).body("{\"limits\": {\"max_orders_per_hour\": 0}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(400)
                .body("error.code", is("BadParameter")).body("error.message", containsString("limits.max_orders_per_hour 0"));
        given().contentType(ContentType.JSON).body("{\"limits\": {\"max_concurrent\": \"many\"}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(400)
                .body("error.message", containsString("max_concurrent"));
        given().contentType(ContentType.JSON).body("{\"limits\": {\"max_concurrent\": 2, \"burst\": 9}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(400)
                .body("error.message", containsString("burst"));
        issuer(vault).body("limits.max_concurrent", is(3));

        given().contentType(ContentType.JSON).body("{\"limits\": {\"max_orders_per_hour\": 100}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        issuer(vault).body("limits.max_concurrent", is(3)).body("limits.max_orders_per_hour", is(100));
    }

    private String vaultWithCaIssuer(String limits) {
        String vault = TestVaults.create();
        selfSignedCa(vault);
        given().contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}" + (limits == null ? "" : ", \"limits\": " + limits) + "}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        return vault;
    }

    /** A new vault with {@code count} Self certificates whose renewals are requested (operations due now). */
    private String vaultWithRenewalsRequested(String prefix, int count) {
        String vault = TestVaults.create();
        for (int i = 0; i < count; i++) {
            String version = selfSigned(vault, prefix + i);
            assertThat(requestRenewal.execute(vault, prefix + i, version)).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        }
        return vault;
    }

    private static void selfSignedCa(String vault) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""")
                .post("/vaults/{v}/certificates/root-ca/create", vault).then().statusCode(202);
    }

    private static void createThroughCa(String vault, String name) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s.internal", "validity_months": 12},
                         "issuer": {"name": "team-ca"}}}""".formatted(name))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private static String selfSigned(String vault, String name) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=%s.example.com", "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""".formatted(name))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static ValidatableResponse pending(String vault, String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200);
    }

    private static ValidatableResponse issuer(String vault) {
        return given().get("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
    }

    private long completed(String vault) {
        return count("select count(*) from certificate_operation o join certificate c on c.id = o.certificate_id "
                + "where c.vault = ? and o.status = 'completed' and c.name <> 'root-ca'", vault);
    }

    private String vaultOf(ClaimOperations.Claim claim) {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select vault from certificate where id = ?")) {
            statement.setLong(1, claim.certificateId());
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String vault, Instant... leasedAt) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, vault);
            for (int i = 0; i < leasedAt.length; i++) {
                statement.setObject(2 + i, java.time.OffsetDateTime.ofInstant(leasedAt[i], java.time.ZoneOffset.UTC));
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
