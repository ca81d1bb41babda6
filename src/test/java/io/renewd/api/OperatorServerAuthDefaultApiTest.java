package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** An operator who opts in to a maximum for serverAuth certificates gets it in every vault that sets no max_validity of its own. */
@QuarkusTest
@TestProfile(OperatorServerAuthDefaultApiTest.TwoHundredDays.class)
class OperatorServerAuthDefaultApiTest {

    /** renewd with {@code renewd.guardrails.server-auth-max-validity=200d}. */
    public static class TwoHundredDays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.guardrails.server-auth-max-validity", "200d");
        }
    }

    @Test
    void theOperatorsServerAuthMaximumAppliesWhereAVaultSetsNone() {
        String vault = TestVaults.create();
        given().get("/vaults/{v}/guardrails", vault).then().statusCode(200).body("default_server_auth_max_validity", is("P200D"));

        create(vault, "year", GuardrailEnforcementApiTest.KEY_VAULT_DEFAULT_POLICY_WITH_EKUS).statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail"))
                .body("error.message", containsString("max_validity: the policy asks for validity_months 12 (up to 366 days), "
                        + "longer than the maximum of P200D for serverAuth certificates"));
        create(vault, "no-ekus", GuardrailEnforcementApiTest.KEY_VAULT_DEFAULT_POLICY).statusCode(202);
        create(vault, "tls", GuardrailEnforcementApiTest.serverAuthPolicy("\"subject\": \"CN=tls.example.com\"")).statusCode(202);
        given().get("/vaults/{v}/certificates/tls/policy", vault).then().body("x509_props.validity", is("P200D"));

        // Key Vault's default policy asks for keyCertSign: a guardrails document refuses it unless it allows CAs.
        given().contentType(ContentType.JSON).body("{\"max_validity\": \"P398D\", \"allow_ca\": true}").put("/vaults/{v}/guardrails", vault).then().statusCode(200);
        create(vault, "year", GuardrailEnforcementApiTest.KEY_VAULT_DEFAULT_POLICY_WITH_EKUS).statusCode(202);
    }

    private static ValidatableResponse create(String vault, String name, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then();
    }
}
