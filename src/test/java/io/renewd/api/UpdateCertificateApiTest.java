package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.KeySpec;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** PATCH of a certificate (version): all of one request or none of it; nbf and exp are the certificate's, whatever is sent. */
@QuarkusTest
class UpdateCertificateApiTest {

    private static final String SIXTEEN_TAGS = IntStream.rangeClosed(1, 16).mapToObj(i -> "\"t" + i + "\": \"v\"")
            .collect(Collectors.joining(", ", "{", "}"));

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "too many tags            | ''                                  | 400 | BadParameter",
            "an empty tag name        | ''                                  | 400 | BadParameter",
            "a version that is absent | /00000000000000000000000000000000   | 404 | CertificateNotFound",
    })
    void aRefusedPatchLeavesThePolicyAsItWas(String problem, String versionPath, int status, String code) {
        String tags = problem.equals("an empty tag name") ? "{\"\": \"v\"}" : problem.equals("too many tags") ? SIXTEEN_TAGS : "{\"a\": \"b\"}";
        String body = "{\"policy\": {\"x509_props\": {\"validity_months\": 6}, \"lifetime_actions\": [{\"trigger\": {\"days_before_expiry\": 20},"
                + " \"action\": {\"action_type\": \"EmailContacts\"}}]}, \"attributes\": {\"enabled\": false}, \"tags\": " + tags + "}";

        given().contentType(ContentType.JSON).body(body).patch("/vaults/" + vault + "/certificates/web" + versionPath).then()
                .statusCode(status).body("error.code", is(code));

        given().get("/vaults/{v}/certificates/web/policy", vault).then().statusCode(200)
                .body("x509_props.validity_months", is(3))
                .body("lifetime_actions[0].trigger.lifetime_percentage", is(80));
        given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200)
                .body("attributes.enabled", is(true)).body("tags", is(Map.of("team", "web")));
    }

    @Test
    void aPatchWhosePolicyTheCallerMayNotSetChangesNeitherTagsNorAttributes() {
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"get\", \"update\"]}")
                .put("/vaults/{v}/accessPolicies/user/updater", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"provider\": \"Test\"}").put("/vaults/{v}/certificates/issuers/partner", vault)
                .then().statusCode(200);

        given().header("Authorization", "Bearer " + TestTokens.token("updater", List.of())).contentType(ContentType.JSON)
                .body("{\"policy\": {\"issuer\": {\"name\": \"partner\"}}, \"attributes\": {\"enabled\": false}, \"tags\": {\"a\": \"b\"}}")
                .patch("/vaults/{v}/certificates/web", vault).then().statusCode(403);

        given().get("/vaults/{v}/certificates/web/policy", vault).then().body("issuer.name", is("Self"));
        given().get("/vaults/{v}/certificates/web", vault).then()
                .body("attributes.enabled", is(true)).body("tags", is(Map.of("team", "web")));
    }

    @Test
    void nbfAndExpSentOnAPatchAreIgnored() {
        var current = given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200).extract();
        long nbf = ((Number) current.path("attributes.nbf")).longValue();
        long exp = ((Number) current.path("attributes.exp")).longValue();

        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false, \"nbf\": 1000, \"exp\": 2000}}")
                .patch("/vaults/{v}/certificates/web", vault).then().statusCode(200)
                .body("attributes.enabled", is(false)).body("attributes.nbf", is((int) nbf)).body("attributes.exp", is((int) exp));
        given().get("/vaults/{v}/certificates/web", vault).then()
                .body("attributes.nbf", is((int) nbf)).body("attributes.exp", is((int) exp));
    }

    @Test
    void nbfAndExpSentOnACreateOrImportAreIgnored() {
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": true, \"nbf\": 1000, \"exp\": 2000}}")
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202).body("status", is("completed"));
        ValidatableResponse created = given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200);
        long nbf = ((Number) created.extract().path("attributes.nbf")).longValue();
        long exp = ((Number) created.extract().path("attributes.exp")).longValue();
        org.assertj.core.api.Assertions.assertThat(exp - nbf).isGreaterThan(80L * 24 * 3600);

        var chain = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Rsa(2048));
        given().contentType(ContentType.JSON).body(Map.of("value", chain.pem(), "attributes", Map.of("nbf", 1000, "exp", 2000)))
                .post("/vaults/{v}/certificates/imported/import", vault).then().statusCode(200)
                .body("attributes.nbf", is((int) chain.leaf().getNotBefore().toInstant().getEpochSecond()))
                .body("attributes.exp", is((int) chain.leaf().getNotAfter().toInstant().getEpochSecond()));
    }
}
