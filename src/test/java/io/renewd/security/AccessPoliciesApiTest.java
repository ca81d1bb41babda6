package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The access-policy admin API refuses bad input by name and changes nothing; get and delete of what is not there are 404. */
@QuarkusTest
class AccessPoliciesApiTest {

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
            "{\"permissions\": [\"fly\"]}                    | 'fly' is not a certificate permission",
            "{\"permissions\": [\"manageaccess\"]}           | comes with the Administrator role only",
            "{\"roles\": [\"Certificate Pilot\"]}            | 'Certificate Pilot' is not a built-in role",
            "{\"permissions\": [], \"roles\": []}            | needs at least one permission or role"})
    void badGrantsAreRefusedByName(String body, String message) {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/accessPolicies/user/bob", vault).then()
                .statusCode(400).body("error.code", is("BadParameter"), "error.message", containsString(message));
        given().get("/vaults/{v}/accessPolicies/user/bob", vault).then().statusCode(404).body("error.code", is("AccessPolicyNotFound"));
    }

    @Test
    void aPrincipalKindOtherThanUserOrGroupIsRefusedOnEveryMethod() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"roles\": [\"Certificate User\"]}")
                .put("/vaults/{v}/accessPolicies/User/bob", vault).then().statusCode(400).body("error.message", containsString("'User'"));
        given().get("/vaults/{v}/accessPolicies/User/bob", vault).then().statusCode(400);
        given().delete("/vaults/{v}/accessPolicies/robot/bob", vault).then().statusCode(400);
    }

    @Test
    void aPolicyCanBeReadAndDeletedOnceAndThenIsGone() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"get\", \"list\"]}")
                .put("/vaults/{v}/accessPolicies/group/readers", vault).then().statusCode(200);
        given().get("/vaults/{v}/accessPolicies/group/readers", vault).then().statusCode(200)
                .body("permissions", org.hamcrest.Matchers.contains("get", "list"));
        given().delete("/vaults/{v}/accessPolicies/group/readers", vault).then().statusCode(204);
        given().delete("/vaults/{v}/accessPolicies/group/readers", vault).then().statusCode(404).body("error.code", is("AccessPolicyNotFound"));
        given().get("/vaults/{v}/accessPolicies/group/readers", vault).then().statusCode(404);
    }
}
