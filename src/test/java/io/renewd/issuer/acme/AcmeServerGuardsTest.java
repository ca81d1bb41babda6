package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.issuer.IssueResult;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An acme issuer pointed at places renewd must not reach, and ACME servers that stall or flood:
 * a small hostile HTTPS server plays the CA. renewd refuses internal addresses, other hosts and
 * redirects away, and bounds every attempt in time and size, then tries again later.
 */
@QuarkusTest
@TestProfile(AcmeGuardsProfile.class)
class AcmeServerGuardsTest {

    /** Longer than the profile's attempt deadline (3s), shorter than a test should ever wait. */
    private static final Duration STALL = Duration.ofSeconds(30);

    @Inject
    AcmeIssuer issuer;

    private HostileAcmeServer server;
    /** Released when a test ends: a stalling or dripping handler stops waiting (or after {@link #STALL} at the latest). */
    private final CountDownLatch released = new CountDownLatch(1);
    private String vault;

    @BeforeEach
    void start() {
        server = new HostileAcmeServer();
        vault = TestVaults.create();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.close();
    }

    /** A server that answers nothing until the test is over. */
    private void stall() throws InterruptedException {
        released.await(STALL.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/dir", "https://192.168.1.1/dir",
            "https://100.64.0.1/dir", "https://[fd00::1]/dir", "https://[::1]/dir", "https://0.0.0.0/dir", "https://localhost/dir"})
    void anIssuerPointingAtAnInternalAddressIsRefusedAndNotStored(String directoryUrl) {
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + directoryUrl + "\"}}")
                .put("/vaults/{v}/certificates/issuers/internal", vault).then().statusCode(400)
                .body("error.message", containsString("renewd.acme.allowed-hosts"));

        given().get("/vaults/{v}/certificates/issuers/internal", vault).then().statusCode(404);
    }

    @Test
    void aDirectoryWhoseResourcesPointAtAnotherHostIsRefusedBeforeTheyAreAsked() {
        server.actingAsCa(server.urlAsLocalhost("/"));

        IssueResult result = issue(server.url("/dir"));

        assertRefused(result, "localhost");
        assertThat(server.requests()).containsExactly("GET /dir");
    }

    @Test
    void aDirectoryHostThatResolvesToAnInternalAddressIsRefusedWhenConnecting() {
        // "localhost" is not on the allow-list (127.0.0.1 is): the name resolves to the loopback address.
        server.actingAsCa(server.urlAsLocalhost("/"));

        IssueResult result = issue(server.urlAsLocalhost("/dir"));

        assertRefused(result, "loopback");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        server.on("/dir", exchange -> {
            exchange.getResponseHeaders().add("Location", server.urlAsLocalhost("/elsewhere").toString());
            exchange.sendResponseHeaders(302, -1);
        });

        IssueResult result = issue(server.url("/dir"));

        assertRefused(result, "redirect");
        assertThat(server.requests()).containsExactly("GET /dir");
    }

    @Test
    void aServerThatDoesNotAnswerIsGivenUpOnAtTheAttemptDeadline() {
        server.on("/dir", exchange -> stall());

        Instant start = Instant.now();
        IssueResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> issue(server.url("/dir")));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
        assertLimit(result, "renewd.acme.attempt-timeout");
    }

    @Test
    void aServerThatDripsItsAnswerIsGivenUpOnAtTheAttemptDeadline() {
        server.on("/dir", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            out.flush();
            for (int i = 0; i < STALL.toSeconds() && !released.await(1, TimeUnit.SECONDS); i++) {
                out.write(' ');
                out.flush();
            }
        });

        Instant start = Instant.now();
        IssueResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> issue(server.url("/dir")));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
        assertLimit(result, "renewd.acme.attempt-timeout");
    }

    @Test
    void aHugeAnswerIsCutOffAtTheResponseSizeLimit() {
        server.on("/dir", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"meta\": {\"website\": \"".getBytes());
                byte[] chunk = "a".repeat(64 * 1024).getBytes();
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
                out.write("\"}}".getBytes());
            }
        });

        IssueResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> issue(server.url("/dir")));

        assertLimit(result, "renewd.acme.max-response-size");
    }

    @Test
    void anOrderWithMoreAuthorizationsThanTheCapIsNotWorkedOn() {
        server.actingAsCa(server.url("/"));
        String authorizations = String.join(", ", IntStream.range(0, 101)
                .mapToObj(i -> "\"" + server.url("/authz/" + i) + "\"").toList());
        server.on("/new-order", exchange -> {
            exchange.getResponseHeaders().add("Location", server.url("/order/1").toString());
            HostileAcmeServer.json(exchange, 201, """
                    {"status": "pending", "expires": "2099-01-01T00:00:00Z",
                     "identifiers": [{"type": "dns", "value": "www.renewd.test"}],
                     "authorizations": [%s], "finalize": "%s"}""".formatted(authorizations, server.url("/order/1/finalize")));
        });

        IssueResult result = issue(server.url("/dir"));

        assertLimit(result, "authorizations");
        assertThat(server.requests()).noneMatch(request -> request.contains("/authz/"));
    }

    @Test
    void anOrderForMoreIdentifiersThanTheCapIsNotPlaced() {
        server.actingAsCa(server.url("/"));
        List<String> names = IntStream.range(0, 101).mapToObj(i -> "n" + i + ".renewd.test").toList();
        var operation = AcmeRequests.forNames(vault, "hostile", server.url("/dir"), Optional.empty(),
                new SubjectAlternativeNames(names, null, null, null));

        IssueResult result = issuer.issue(operation.first());

        assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed ->
                assertThat(failed.message()).contains("101", "renewd.acme.max-identifiers"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void throughTheRenewerAStalledAttemptFailsClearlyAndIsTriedAgainLater() {
        server.on("/dir", exchange -> stall());
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + server.url("/dir") + "\"}}")
                .put("/vaults/{v}/certificates/issuers/slow", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=slow.renewd.test", "sans": {"dns_names": ["slow.renewd.test"]}},
                         "issuer": {"name": "slow"}}}""")
                .post("/vaults/{v}/certificates/slow/create", vault).then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf((Object)
                given().get("/vaults/{v}/certificates/slow/pending", vault).then().extract().path("status_details"))
                .contains("attempt 1 failed"));
        String details = given().get("/vaults/{v}/certificates/slow/pending", vault).then().extract().path("status_details");
        assertThat(details).contains("renewd.acme.attempt-timeout", "next attempt at");
        given().get("/vaults/{v}/certificates/slow/pending", vault).then().body("status", org.hamcrest.Matchers.is("inProgress"));
    }

    private IssueResult issue(URI directory) {
        return issuer.issue(AcmeRequests.forDnsName(vault, "hostile", directory, Optional.empty(), "www.renewd.test").first());
    }

    private static void assertRefused(IssueResult result, String reason) {
        assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo("IssuerAddressRefused");
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains(reason);
        });
    }

    private static void assertLimit(IssueResult result, String limit) {
        assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo("IssuerLimitExceeded");
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.message()).contains(limit);
        });
    }
}
