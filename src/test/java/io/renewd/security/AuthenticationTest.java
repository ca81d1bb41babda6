package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** Only a valid bearer token from the configured issuer, for renewd's audience, gets in; everyone else gets Key Vault's challenge. */
@QuarkusTest
class AuthenticationTest {

    private static final String CHALLENGE = "Bearer authorization=\"https://login.renewd.test/tenant\", resource=\"https://vault.renewd.test\"";

    static Stream<Arguments> refusedTokens() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        List<String> admins = List.of(TestTokens.ADMIN_GROUP);
        return Stream.of(
                Arguments.of("no token", TestTokens.NONE, "the request has no bearer token", "no-token"),
                Arguments.of("not a JWT", "Bearer not-a-token", "the bearer token is not a well-formed JWT", "malformed"),
                Arguments.of("expired", "Bearer " + TestTokens.token(TestTokens.ADMIN, admins, TestTokens.ISSUER, TestTokens.AUDIENCE, hourAgo), "the bearer token has expired", "expired"),
                Arguments.of("another issuer", "Bearer " + TestTokens.token(TestTokens.ADMIN, admins, "https://login.other.test", TestTokens.AUDIENCE, inAnHour), "the bearer token is not from renewd's token issuer", "other-issuer"),
                Arguments.of("another audience", "Bearer " + TestTokens.token(TestTokens.ADMIN, admins, TestTokens.ISSUER, "https://other.test", inAnHour), "the bearer token is not for renewd's audience", "other-audience"),
                Arguments.of("signed by another key", "Bearer " + TestTokens.foreign(TestTokens.ADMIN, admins), "the bearer token's signature does not verify", "bad-signature"),
                Arguments.of("not a bearer token", "Basic dGVzdDp0ZXN0", "the Authorization header is not a bearer token", "not-bearer"));
    }

    @ParameterizedTest(name = "{0} -> 401 with the Key Vault challenge, saying why, counted as {3}")
    @MethodSource("refusedTokens")
    void refusedTokensGetTheChallenge(String what, String authorization, String reason, String code) {
        String vault = TestVaults.create();
        double before = refusals(code);
        given().header("Authorization", authorization).get("/vaults/{v}/certificates", vault).then()
                .statusCode(401).header("WWW-Authenticate", CHALLENGE)
                .body("error.code", is("Unauthorized"), "error.message", startsWith(reason));
        given().header("Authorization", authorization).put("/vaults/{v}", TestVaults.newName()).then().statusCode(401);
        given().header("Authorization", authorization).get("/vaults").then().statusCode(401);
        assertThat(refusals(code)).isEqualTo(before + 3);
    }

    private static double refusals(String code) {
        String line = "renewd_api_unauthenticated_total{reason=\"" + code + "\"} ";
        return given().header("Authorization", TestTokens.NONE).get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(l -> l.startsWith(line)).mapToDouble(l -> Double.parseDouble(l.substring(line.length()))).sum();
    }

    @Test
    void aValidTokenGetsIn() {
        String vault = TestVaults.create();
        given().get("/vaults/{v}/certificates", vault).then().statusCode(200);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().header("Authorization", TestTokens.NONE).get("/q/health/live").then().statusCode(200);
        given().header("Authorization", TestTokens.NONE).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void onlyAdministratorsCreateVaultsAndTheirCreatorAdministersThem() {
        String reader = "Bearer " + TestTokens.token("someone", List.of("team-a"));
        given().header("Authorization", reader).put("/vaults/{v}", TestVaults.newName()).then().statusCode(403)
                .body("error.code", is("Forbidden"));
        String vault = TestVaults.create();
        given().get("/vaults/{v}/accessPolicies/user/{p}", vault, TestTokens.ADMIN).then().statusCode(200)
                .body("roles", org.hamcrest.Matchers.contains("Administrator"));
    }
}
