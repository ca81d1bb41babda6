package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.issuer.IssueResult;
import io.renewd.testing.SqlCount;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The operator's name map (renewd.acme.names) and renewd's own host names, tried as a vault user
 * who wants a publicly trusted certificate for names that are not theirs: refused before any
 * order reaches the CA, at create, at a policy change and at every attempt.
 */
@QuarkusTest
@TestProfile(AcmeGuardsProfile.class)
class AcmeNameMapTest {

    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of());

    @Inject
    AcmeIssuer issuer;

    @Inject
    DataSource dataSource;

    private PebbleServer pebble;

    @BeforeEach
    void pebble() {
        pebble = PEBBLE.get();
    }

    @AfterAll
    static void stopPebble() {
        PEBBLE.close();
    }

    @Test
    void aVaultCannotHaveAnotherVaultsNameOrderedAndNothingIsStoredOrOrdered() {
        String teamB = vaultWithAcmeIssuer(AcmeGuardsProfile.TEAM_B);

        create(teamB, "stolen", "team-a.example.com").then().statusCode(403)
                .body("error.message", containsString("team-a.example.com"))
                .body("error.message", containsString("renewd.acme.names"));

        given().get("/vaults/{v}/certificates/stolen", teamB).then().statusCode(404);
        given().get("/vaults/{v}/certificates/stolen/pending", teamB).then().statusCode(404);
        assertThat(count("select count(*) from acme_order where vault = ? and certificate = 'stolen'", teamB)).isZero();
        // Its own names are fine.
        create(teamB, "own", "api.team-b.example.com").then().statusCode(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "team-x.vault.localhost", "a.b.vault.localhost", "*.vault.localhost", "127.0.0.1"})
    void renewdsOwnHostNamesAreNeverOrderedWhateverTheMapSays(String name) {
        // An unlisted vault: %test lets it order any name, but never renewd's own.
        String vault = vaultWithAcmeIssuer(TestVaults.newName());

        var response = name.equals("127.0.0.1")
                ? given().contentType(ContentType.JSON).body(policy("own-ip", "{\"ip_addresses\": [\"127.0.0.1\"]}"))
                        .post("/vaults/{v}/certificates/own/create", vault)
                : create(vault, "own", name);

        response.then().statusCode(403).body("error.message", containsString("renewd"));
        given().get("/vaults/{v}/certificates/own", vault).then().statusCode(404);
    }

    @Test
    void aPolicyChangeToAnAcmeIssuerForNamesOutsideTheMapIsRefused() {
        String teamB = vaultWithAcmeIssuer(AcmeGuardsProfile.TEAM_B);
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=team-a.example.com", "sans": {"dns_names": ["team-a.example.com"]}},
                         "issuer": {"name": "Self"}}}""")
                .post("/vaults/{v}/certificates/selfie/create", teamB).then().statusCode(202);

        given().contentType(ContentType.JSON).body("{\"issuer\": {\"name\": \"le\"}}")
                .patch("/vaults/{v}/certificates/selfie/policy", teamB).then().statusCode(403)
                .body("error.message", containsString("team-a.example.com"));

        given().get("/vaults/{v}/certificates/selfie/policy", teamB).then().statusCode(200).body("issuer.name", is("Self"));
    }

    @Test
    void everyAttemptChecksTheMapAgainAndFailsForAPersonWithoutAskingTheCa() {
        String teamB = vaultWithAcmeIssuer(AcmeGuardsProfile.TEAM_B);
        // An issuer name of its own: the vault's other certificates may have registered an account for "le" meanwhile.
        var operation = AcmeRequests.forDnsName(teamB, "renewal-check", pebble.directoryUrl(), Optional.empty(), "www.team-a.example.com");

        IssueResult result = issuer.issue(operation.first());

        assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo("AcmeNameNotAllowed");
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).contains("www.team-a.example.com", "renewd.acme.names");
        });
        assertThat(count("select count(*) from acme_account where vault = ? and issuer = 'renewal-check'", teamB))
                .as("the CA was not asked").isZero();
    }

    private String vaultWithAcmeIssuer(String vault) {
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"}}")
                .put("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200);
        return vault;
    }

    private static io.restassured.response.Response create(String vault, String certificate, String dnsName) {
        return given().contentType(ContentType.JSON).body(policy(dnsName, "{\"dns_names\": [\"" + dnsName + "\"]}"))
                .post("/vaults/{v}/certificates/{c}/create", vault, certificate);
    }

    private static String policy(String commonName, String sans) {
        return """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                 "x509_props": {"subject": "CN=%s", "sans": %s}, "issuer": {"name": "le"}}}""".formatted(commonName, sans);
    }

    private long count(String sql, String... parameters) {
        return SqlCount.of(dataSource, sql, parameters);
    }
}
