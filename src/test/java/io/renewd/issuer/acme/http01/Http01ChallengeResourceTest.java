package io.renewd.issuer.acme.http01;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class Http01ChallengeResourceTest {

    @Inject
    Http01Challenges challenges;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void theChallengeEndpointAnswersStoredTokensUntilTheyExpire() {
        String token = "tok_" + HexFormat.of().formatHex(new byte[8]) + "-x";
        // RestAssured asks for host localhost, the name this token proves.
        challenges.remember(token, token + ".thumbprint", "https://ca.example/order/1", "localhost", Instant.now().plus(Duration.ofMinutes(5)));

        given().get("/.well-known/acme-challenge/{t}", token).then().statusCode(200)
                .contentType(startsWith("text/plain")).body(equalTo(token + ".thumbprint"));
        given().get("/.well-known/acme-challenge/{t}", "unknown-token").then().statusCode(404);
        for (String malformed : List.of("bad.token", "a".repeat(129), "tok%20en", "tok$en")) {
            given().urlEncodingEnabled(false).get("/.well-known/acme-challenge/" + malformed).then().statusCode(404);
        }

        TestClock.advance(Duration.ofMinutes(6));
        given().get("/.well-known/acme-challenge/{t}", token).then().statusCode(404);
    }
}
