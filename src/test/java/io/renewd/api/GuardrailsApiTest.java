package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** GET/PUT/DELETE /vaults/{vault}/guardrails: what is stored, what is refused, and the OpenAPI document. */
@QuarkusTest
class GuardrailsApiTest {

    static final String FULL = """
            {"min_rsa_key_size": 3072, "allowed_curves": ["P-384", "P-256"], "max_validity": "P90D",
             "allowed_issuers": ["self", "letsencrypt"], "allowed_dns_names": ["*.Team-A.example.com", "**.svc.team-a.example.com", "team-a.example.com"]}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void aVaultWithoutGuardrailsHasNoRulesAndTheDeploymentSetsNoServerAuthDefault() {
        get().statusCode(200)
                .body("id", endsWith("/vaults/" + vault + "/guardrails"))
                .body("$", not(hasKey("default_server_auth_max_validity")))
                .body("$", not(hasKey("min_rsa_key_size")))
                .body("$", not(hasKey("allowed_curves")))
                .body("$", not(hasKey("max_validity")))
                .body("$", not(hasKey("allowed_issuers")))
                .body("$", not(hasKey("allowed_dns_names")))
                .body("$", not(hasKey("attributes")));
    }

    @Test
    void putStoresNormalizedRulesGetReadsThemDeleteRemovesThem() {
        put(FULL).statusCode(200)
                .body("min_rsa_key_size", is(3072))
                .body("allowed_curves", contains("P-256", "P-384"))
                .body("max_validity", is("P90D"))
                .body("allowed_issuers", contains("Self", "letsencrypt"))
                .body("allowed_dns_names", contains("*.team-a.example.com", "**.svc.team-a.example.com", "team-a.example.com"))
                .body("attributes.created", greaterThan(0))
                .body("attributes.updated", greaterThan(0));

        get().statusCode(200)
                .body("min_rsa_key_size", is(3072))
                .body("max_validity", is("P90D"))
                .body("allowed_issuers", contains("Self", "letsencrypt"));

        delete().statusCode(200).body("min_rsa_key_size", is(3072)).body("allowed_curves", contains("P-256", "P-384"));
        get().statusCode(200).body("$", not(hasKey("min_rsa_key_size"))).body("$", not(hasKey("attributes")));
        delete().statusCode(200).body("$", not(hasKey("min_rsa_key_size")));
    }

    @Test
    void putReplacesEveryRuleAndEmptyListsAreRulesOfTheirOwn() {
        put(FULL).statusCode(200);

        put("{\"allowed_curves\": [], \"allowed_dns_names\": [], \"max_validity\": \"PT36H\"}").statusCode(200);

        get().statusCode(200)
                .body("$", not(hasKey("min_rsa_key_size")))
                .body("$", not(hasKey("allowed_issuers")))
                .body("allowed_curves", is(List.of()))
                .body("allowed_dns_names", is(List.of()))
                .body("max_validity", is("P1DT12H"));
        put("{}").statusCode(200).body("$", not(hasKey("allowed_curves")));
    }

    @Test
    void whatGetAnswersCanBePutBack() {
        put(FULL).statusCode(200);
        String shown = get().extract().asString();

        put(shown).statusCode(200).body("max_validity", is("P90D")).body("allowed_issuers", contains("Self", "letsencrypt"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "misspelt member      | {\"allowed_dns_name\": [\"a.example.com\"]}    | unknown member 'allowed_dns_name': guardrails have min_rsa_key_size, allowed_curves, max_validity, allowed_issuers, allowed_dns_names",
            "weak RSA minimum     | {\"min_rsa_key_size\": 1024}                  | min_rsa_key_size 1024 is out of range: 2048 to 16384",
            "RSA minimum as text  | {\"min_rsa_key_size\": \"big\"}               | min_rsa_key_size has the wrong type: expected a whole number",
            "unknown curve        | {\"allowed_curves\": [\"P-192\"]}             | allowed_curves: 'P-192' is not a curve renewd knows",
            "curves not a list    | {\"allowed_curves\": \"P-256\"}               | allowed_curves has the wrong type: expected a list of strings",
            "validity in months   | {\"max_validity\": \"P6M\"}                   | max_validity 'P6M' is not an ISO-8601 duration",
            "validity as a number | {\"max_validity\": 200}                       | max_validity '200' is not an ISO-8601 duration",
            "validity too short   | {\"max_validity\": \"PT1M\"}                  | max_validity PT1M is shorter than",
            "no issuer            | {\"allowed_issuers\": []}                     | allowed_issuers must name at least one issuer",
            "bad issuer name      | {\"allowed_issuers\": [\"a b\"]}              | allowed_issuers: 'a b' is not Self, Unknown or an issuer name",
            "partial wildcard     | {\"allowed_dns_names\": [\"api-*.example.com\"]} | allowed_dns_names: 'api-*.example.com' has a wildcard that is not a whole leftmost label",
            "not an object        | [\"P-256\"]                                   | the guardrails must be a JSON object",
            "two bad members      | {\"min_rsa_key_size\": 1, \"max_validity\": \"x\"} | min_rsa_key_size 1 is out of range: 2048 to 16384 (renewd never accepts RSA keys under 2048 bits); max_validity 'x'"})
    void badGuardrailsAreRefusedNamingTheProblemAndNothingChanges(String what, String body, String message) {
        put("{\"min_rsa_key_size\": 4096}").statusCode(200);

        put(body).statusCode(400).body("error.code", is("BadParameter")).body("error.message", containsString(message));

        get().statusCode(200).body("min_rsa_key_size", is(4096)).body("$", not(hasKey("allowed_curves")));
    }

    @Test
    void aMissingBodyIsRefused() {
        given().contentType(ContentType.JSON).put("/vaults/{v}/guardrails", vault).then()
                .statusCode(400).body("error.code", is("BadParameter")).body("error.message", containsString("DELETE removes them"));
    }

    @Test
    void anUnknownVaultHasNoGuardrails() {
        String missing = TestVaults.newName();
        given().get("/vaults/{v}/guardrails", missing).then().statusCode(404).body("error.code", is("VaultNotFound"));
        given().contentType(ContentType.JSON).body("{}").put("/vaults/{v}/guardrails", missing).then().statusCode(404);
        given().delete("/vaults/{v}/guardrails", missing).then().statusCode(404);
    }

    @Test
    void guardrailsGoWithTheirVault() {
        put(FULL).statusCode(200);

        given().delete("/vaults/{v}", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);

        get().statusCode(200).body("$", not(hasKey("min_rsa_key_size")));
    }

    @Test
    void theOpenApiDocumentDescribesTheGuardrails() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();

        Map<String, Object> path = openApi.getMap("paths.'/vaults/{vault}/guardrails'");
        assertThat(path).containsKeys("get", "put", "delete");
        assertThat(openApi.getString("paths.'/vaults/{vault}/guardrails'.put.requestBody.content.'application/json'.schema.$ref"))
                .endsWith("/Guardrails");
        Map<String, Object> properties = openApi.getMap("components.schemas.Guardrails.properties");
        assertThat(properties).containsKeys("min_rsa_key_size", "allowed_curves", "max_validity", "allowed_issuers", "allowed_dns_names",
                "default_server_auth_max_validity");
        assertThat(openApi.getString("components.schemas.Guardrails.properties.max_validity.description")).contains("ISO-8601");
    }

    private ValidatableResponse get() {
        return given().get("/vaults/{v}/guardrails", vault).then();
    }

    private ValidatableResponse put(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/guardrails", vault).then();
    }

    private ValidatableResponse delete() {
        return given().delete("/vaults/{v}/guardrails", vault).then();
    }
}
