package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A CA that answers 429 with Retry-After: the renewer (running in this process) pauses that issuer, in the database,
 * until the CA's time; the vault's other issuer goes on meanwhile, and the paused one is asked again once the time is past.
 */
@QuarkusTest
@TestProfile(AcmeGuardsProfile.class)
class AcmeRateLimitPauseTest {

    private HostileAcmeServer server;
    private String vault;

    @BeforeEach
    void start() {
        server = new HostileAcmeServer();
        vault = TestVaults.create();
    }

    @AfterEach
    void stop() {
        server.close();
        TestClock.reset();
    }

    @Test
    void aRateLimitWithRetryAfterPausesOnlyThatIssuerUntilTheCasTime() {
        server.actingAsCa(server.url("/")).on("/new-order", exchange -> {
            byte[] problem = """
                    {"type": "urn:ietf:params:acme:error:rateLimited", "detail": "too many new orders recently"}"""
                    .getBytes(StandardCharsets.UTF_8);
            HostileAcmeServer.nonce(exchange);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("Retry-After", "600");
            exchange.sendResponseHeaders(429, problem.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(problem);
            }
        });
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + server.url("/dir") + "\"}}")
                .put("/vaults/{v}/certificates/issuers/limited", vault).then().statusCode(200);
        Instant before = TestClock.now();

        createThrough("first", "limited");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/vaults/{v}/certificates/issuers/limited", vault)
                .then().extract().path("paused") != null);
        String until = given().get("/vaults/{v}/certificates/issuers/limited", vault).then().statusCode(200)
                .body("paused.reason", containsString("too many new orders recently")).extract().path("paused.until");
        assertThat(Instant.parse(until)).isBetween(before.plus(Duration.ofSeconds(590)), TestClock.now().plus(Duration.ofSeconds(601)));
        given().get("/vaults/{v}/certificates/first/pending", vault).then().body("error.code", is("RateLimited"));
        assertThat(newOrders()).isEqualTo(1);
        assertThat(given().get("/q/metrics").asString()).containsPattern("(?m)^renewd_issuer_pauses_total\\{issuer=\"acme\"} [1-9]");

        // While it is paused, the vault's other issuer goes on, and the paused issuer is not asked.
        createThrough("second", "limited");
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=Root", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""")
                .post("/vaults/{v}/certificates/root-ca/create", vault).then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/internal", vault).then().statusCode(200);
        createThrough("third", "internal");
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/third/pending", vault).then().extract().path("status")));
        given().get("/vaults/{v}/certificates/second/pending", vault).then().body("status", is("inProgress"));
        assertThat(newOrders()).isEqualTo(1);

        // Past the CA's time, the issuer is asked again.
        TestClock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(30)).until(() -> newOrders() >= 2);
        given().get("/vaults/{v}/certificates/issuers/limited", vault).then().statusCode(200);
    }

    private void createThrough(String name, String issuer) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=%1$s.renewd.test", "sans": {"dns_names": ["%1$s.renewd.test"]}},
                         "issuer": {"name": "%2$s"}}}""".formatted(name, issuer))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private long newOrders() {
        return server.requests().stream().filter(request -> request.equals("POST /new-order")).count();
    }
}
