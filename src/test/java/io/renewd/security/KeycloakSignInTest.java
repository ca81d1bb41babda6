package io.renewd.security;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.Keycloak;
import io.renewd.testing.KeycloakResource;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The production sign-in path against a real identity provider (Keycloak): renewd is given only
 * the realm's URL and its audience, and finds the issuer and its signing keys by OIDC discovery,
 * as in production. Tokens come from Keycloak's own grants.
 *
 * <p>The key rotation runs first: Quarkus fetches the issuer's keys again when a token names a key
 * it does not know, at most once per {@code quarkus.oidc.token.forced-jwk-refresh-interval} (10
 * minutes), and a foreign token (another realm's key) is such a token too.
 */
@QuarkusTest
@TestProfile(KeycloakSignInTest.RealIdentityProvider.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSignInTest {

    /** renewd configured as in production: no fixed key, no fixed issuer, the audience required. */
    public static class RealIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    private static final Keycloak KEYCLOAK = Keycloak.get();

    @Test
    @Order(1)
    void aSigningKeyRotationAtTheIdentityProviderIsPickedUpWithoutARestart() {
        String before = KEYCLOAK.userToken("alice");
        String vault = createVault(before);

        String newKid = KEYCLOAK.rotateSigningKey();
        assertThat(newKid).isNotEqualTo(Keycloak.kid(before));
        // renewd still holds the keys it found at start: a token of the removed key verifies until they are fetched again.
        list(before, vault).statusCode(200);

        String after = KEYCLOAK.userToken("alice");
        assertThat(Keycloak.kid(after)).isEqualTo(newKid);
        list(after, vault).statusCode(200);

        // The new key's token made renewd fetch the keys again: the removed key is gone from them.
        list(before, vault).statusCode(401).body("error.message", startsWith("the bearer token's signature does not verify"));
    }

    @Test
    void aTokenFromTheIdentityProviderIsVerifiedWithTheKeysFoundByDiscovery() {
        String token = KEYCLOAK.userToken("alice");
        assertThat(Keycloak.claims(token).path("iss").asText()).isEqualTo(KEYCLOAK.issuer());
        String vault = createVault(token);

        list(token, vault).statusCode(200);
        // The principal is the token's sub: the creator administers the vault.
        given().header("Authorization", "Bearer " + token).get("/vaults/{v}/accessPolicies/user/{p}", vault, KEYCLOAK.userId("alice"))
                .then().statusCode(200).body("roles", hasItem("Administrator"));
        // A client's own token (client-credentials grant) is verified the same way.
        given().header("Authorization", "Bearer " + KEYCLOAK.clientToken(Keycloak.CLIENT, Keycloak.CLIENT_SECRET)).get("/vaults")
                .then().statusCode(200);
    }

    @Test
    void theGroupsClaimOfTheGroupMapperGrantsTheGroupsAccessPolicy() {
        String admin = KEYCLOAK.userToken("alice");
        String vault = createVault(admin);
        grant(admin, vault, "team-a-officers", "Certificate Officer");
        grant(admin, vault, "team-a-readers", "Certificate User");

        String officer = KEYCLOAK.userToken("bob");
        assertThat(Keycloak.claims(officer).path("groups").toString()).as("the groups claim, without paths").isEqualTo("[\"team-a-officers\"]");
        given().header("Authorization", "Bearer " + officer).contentType(ContentType.JSON)
                .body("{\"policy\": {\"issuer\": {\"name\": \"Self\"}, \"x509_props\": {\"subject\": \"CN=officer.example\"}}}")
                .post("/vaults/{v}/certificates/officer/create", vault).then().statusCode(202);

        String reader = KEYCLOAK.userToken("carol");
        list(reader, vault).statusCode(200);
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON)
                .body("{\"policy\": {\"issuer\": {\"name\": \"Self\"}, \"x509_props\": {\"subject\": \"CN=reader.example\"}}}")
                .post("/vaults/{v}/certificates/reader/create", vault).then().statusCode(403).body("error.code", is("Forbidden"));

        String nobody = KEYCLOAK.userToken("dave");
        list(nobody, vault).statusCode(403).body("error.code", is("Forbidden"));
    }

    @Test
    void aTokenTheIdentityProviderIssuedToAnotherApplicationIsRefusedNamingTheAudience() {
        String vault = createVault(KEYCLOAK.userToken("alice"));
        // An administrator's own token, but issued to another application of the same identity provider.
        String adminsBillingToken = KEYCLOAK.userToken(Keycloak.REALM, Keycloak.OTHER_CLIENT, Keycloak.OTHER_CLIENT_SECRET, "alice");
        assertThat(Keycloak.claims(adminsBillingToken).path("aud").toString()).contains("billing").doesNotContain("\"renewd\"");
        assertThat(Keycloak.claims(adminsBillingToken).path("groups").toString()).contains("renewd-admins");

        for (String token : List.of(adminsBillingToken, KEYCLOAK.clientToken(Keycloak.OTHER_CLIENT, Keycloak.OTHER_CLIENT_SECRET))) {
            list(token, vault).statusCode(401)
                    .header("WWW-Authenticate", "Bearer authorization=\"" + KEYCLOAK.issuer() + "\", resource=\"" + Keycloak.AUDIENCE + "\"")
                    .body("error.code", is("Unauthorized"), "error.message", is("the bearer token is not for renewd's audience"));
            given().header("Authorization", "Bearer " + token).put("/vaults/{v}", TestVaults.newName()).then().statusCode(401);
        }
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String vault = createVault(KEYCLOAK.userToken("alice"));
        // Keycloak issues no token that has already expired: this client's tokens live a few seconds, and the test waits them out.
        String token = KEYCLOAK.clientToken(Keycloak.SHORT_LIVED_CLIENT, "test-only-secret");
        long expires = Keycloak.claims(token).path("exp").asLong();
        assertThat(expires - Keycloak.claims(token).path("iat").asLong()).isEqualTo(Keycloak.SHORT_LIFESPAN_SECONDS);
        await().atMost(Duration.ofSeconds(Keycloak.SHORT_LIFESPAN_SECONDS + 30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() > expires);
        list(token, vault).statusCode(401).body("error.message", is("the bearer token has expired"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String vault = createVault(KEYCLOAK.userToken("alice"));
        // Another realm of the same Keycloak: its client is named renewd, its tokens name renewd's audience and the admin group.
        String foreign = KEYCLOAK.otherRealmToken();
        assertThat(Keycloak.claims(foreign).path("iss").asText()).isNotEqualTo(KEYCLOAK.issuer());
        assertThat(Keycloak.claims(foreign).path("aud").toString()).contains("renewd");
        assertThat(Keycloak.claims(foreign).path("groups").toString()).contains("renewd-admins");

        // Its key is not among the issuer's keys (looking them up again does not find it either).
        list(foreign, vault).statusCode(401).body("error.code", is("Unauthorized"),
                "error.message", is("the bearer token's signature does not verify with the issuer's keys"));
        given().header("Authorization", "Bearer " + foreign).put("/vaults/{v}", TestVaults.newName()).then().statusCode(401);
        given().header("Authorization", "Bearer " + foreign).get("/vaults").then().statusCode(401);
    }

    private static String createVault(String adminToken) {
        String vault = TestVaults.newName();
        given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        return vault;
    }

    private static void grant(String adminToken, String vault, String group, String role) {
        given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).body("{\"roles\": [\"" + role + "\"]}")
                .put("/vaults/{v}/accessPolicies/group/{g}", vault, group).then().statusCode(200);
    }

    private static ValidatableResponse list(String token, String vault) {
        return given().header("Authorization", "Bearer " + token).get("/vaults/{v}/certificates", vault).then();
    }
}
