package io.renewd.issuer.acme;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.issuer.IssueResult;
import io.renewd.pki.KeyPairs;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders that outlive a call: with no wait per call, every call answers in progress until the
 * order is done, and the next call, given only the stored state, carries on with that order.
 */
@QuarkusTest
@TestProfile(AcmeIssuerResumeTest.NoWait.class)
class AcmeIssuerResumeTest {

    public static class NoWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.acme.order-wait", "0s");
        }
    }

    private static final int MAX_CALLS = 50;

    private static final List<PebbleServer> PEBBLES = new ArrayList<>();

    @Inject
    AcmeIssuer issuer;

    @Inject
    javax.sql.DataSource dataSource;

    @AfterAll
    static void stopPebbles() {
        PEBBLES.forEach(PebbleServer::close);
        PEBBLES.clear();
    }

    @Test
    void aLaterCallWithTheStoredStateCompletesTheSameOrder() throws Exception {
        PebbleServer pebble = start(AcmePebble.challengePort());
        var operation = AcmeRequests.forDnsName(TestVaults.create(), "pebble", pebble.directoryUrl(), Optional.empty(), "www.renewd.test");

        IssueResult first = issuer.issue(operation.first());

        assertThat(first).isInstanceOf(IssueResult.InProgress.class);
        var inProgress = (IssueResult.InProgress) first;
        assertThat(inProgress.retryAfter()).isPositive();
        String orderUrl = inProgress.state();
        assertThat(orderUrl).startsWith("https://127.0.0.1:" + pebble.directoryUrl().getPort() + "/");

        AtomicInteger calls = new AtomicInteger(1);
        IssueResult result = untilDone(first, progress -> {
            assertThat(progress.state()).as("every call works on the first call's order").isEqualTo(orderUrl);
            assertThat(calls.getAndIncrement()).as("calls until the order is done").isLessThan(MAX_CALLS);
            return issuer.issue(operation.resuming(progress.state(), 1));
        });

        assertThat(result).isInstanceOf(IssueResult.Issued.class);
        var issued = (IssueResult.Issued) result;
        assertThat(KeyPairs.samePublicKey(issued.leaf().getPublicKey(), operation.keys().getPublic())).isTrue();
        assertThat(calls.get()).as("the order took more than one call").isGreaterThan(1);
    }

    @Test
    void aParkedOrderIsCheckedAfterASecondThenAsLongAsItIsOldUpToRetryAfter() throws Exception {
        // Pebble's HTTP-01 validation connects to a port that accepts and never answers: the order stays pending meanwhile.
        try (var silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            PebbleServer pebble = start(silent.getLocalPort());
            var operation = AcmeRequests.forDnsName(TestVaults.create(), "pebble", pebble.directoryUrl(), Optional.empty(), "slow.renewd.test");

            var placed = (IssueResult.InProgress) issuer.issue(operation.first());
            assertThat(placed.retryAfter()).as("a new order: renewd.acme.first-check").isEqualTo(Duration.ofSeconds(1));

            // When it was placed is stored with the order: any renewer that resumes it, after a restart too, waits as long.
            placedAgo(placed.state(), Duration.ofSeconds(5));
            var resumed = (IssueResult.InProgress) issuer.issue(operation.resuming(placed.state(), 1));
            assertThat(resumed.retryAfter()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7));

            placedAgo(placed.state(), Duration.ofMinutes(3));
            var old = (IssueResult.InProgress) issuer.issue(operation.resuming(placed.state(), 1));
            assertThat(old.retryAfter()).as("renewd.acme.retry-after caps the wait").isEqualTo(Duration.ofSeconds(15));
            assertThat(old.state()).isEqualTo(placed.state());
        }
    }

    private void placedAgo(String orderUrl, Duration ago) throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("update acme_order set created_at = ? where order_url = ?")) {
            statement.setTimestamp(1, java.sql.Timestamp.from(TestClock.now().minus(ago)));
            statement.setString(2, orderUrl);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anOrderThatBecameInvalidFailsRetryablyAndTheNextAttemptPlacesANewOne() throws Exception {
        // Pebble validates HTTP-01 on a port where nothing listens: every validation fails.
        PebbleServer pebble = start(closedPort());
        var operation = AcmeRequests.forDnsName(TestVaults.create(), "pebble", pebble.directoryUrl(), Optional.empty(), "bad.renewd.test");

        IssueResult result = issuer.issue(operation.first());
        String orderUrl = ((IssueResult.InProgress) result).state();
        AtomicInteger calls = new AtomicInteger(1);
        result = untilDone(result, progress -> {
            assertThat(calls.getAndIncrement()).isLessThan(MAX_CALLS);
            return issuer.issue(operation.resuming(progress.state(), 1));
        });

        assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(AcmeErrors.ORDER_INVALID);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.message()).contains(orderUrl);
        });

        // The renewer may hand the last state back with its next attempt: that order is over.
        IssueResult nextAttempt = issuer.issue(operation.resuming(orderUrl, 2));
        assertThat(nextAttempt).isInstanceOfSatisfying(IssueResult.InProgress.class,
                progress -> assertThat(progress.state()).isNotEqualTo(orderUrl));
    }

    @Test
    void theChallengeResponderAnswersATokenOnlyToRequestsForTheNameItProves() throws Exception {
        // Pebble would validate on a closed port: the order stays pending and its token stays served.
        PebbleServer pebble = start(closedPort());
        String vault = TestVaults.create();
        var operation = AcmeRequests.forDnsName(vault, "pebble", pebble.directoryUrl(), Optional.empty(), "www.renewd.test");
        String orderUrl = ((IssueResult.InProgress) issuer.issue(operation.first())).state();
        String token;
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select token from acme_challenge where order_url = ?")) {
            statement.setString(1, orderUrl);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("the order's challenge is being answered").isTrue();
                token = rows.getString(1);
            }
        }

        assertThat(challengeStatus(token, "www.renewd.test")).isEqualTo(200);
        assertThat(challengeStatus(token, "WWW.Renewd.Test:80")).isEqualTo(200);
        assertThat(challengeStatus(token, "renewd.example.com")).isEqualTo(404);
        assertThat(challengeStatus(token, "other.renewd.test:8080")).isEqualTo(404);
        assertThat(challengeStatus(token, "127.0.0.1")).isEqualTo(404);
    }

    /** The status of a GET of {@code token} with {@code host} as the Host header (raw HTTP/1.1: clients fix the Host header). */
    private int challengeStatus(String token, String host) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", AcmePebble.challengePort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static PebbleServer start(int httpChallengePort) {
        PebbleServer pebble = AcmePebble.start(httpChallengePort, Map.of());
        PEBBLES.add(pebble);
        return pebble;
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Calls {@code next} every 100 ms while the order is in progress (at most {@link #MAX_CALLS} times, checked by the callers). */
    private static IssueResult untilDone(IssueResult first, Function<IssueResult.InProgress, IssueResult> next) {
        AtomicReference<IssueResult> result = new AtomicReference<>(first);
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (result.get() instanceof IssueResult.InProgress progress) {
                result.set(next.apply(progress));
            }
            return !(result.get() instanceof IssueResult.InProgress);
        });
        return result.get();
    }
}
