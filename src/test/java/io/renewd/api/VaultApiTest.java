package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class VaultApiTest {

    static String newVaultName() {
        return TestVaults.newName();
    }

    @Test
    void createReadUpdateListAndDeleteAVault() {
        String name = newVaultName();
        given().contentType(ContentType.JSON).body("{\"softDeleteRetentionInDays\": 30}")
                .put("/vaults/{v}", name).then()
                .statusCode(201)
                .body("name", is(name))
                .body("id", endsWith("/vaults/" + name))
                .body("softDeleteRetentionInDays", is(30))
                .body("enablePurgeProtection", is(false))
                .body("recoveryLevel", is("CustomizedRecoverable+Purgeable"));

        given().contentType(ContentType.JSON).body("{\"enablePurgeProtection\": true}")
                .put("/vaults/{v}", name).then()
                .statusCode(200)
                .body("softDeleteRetentionInDays", is(30))
                .body("enablePurgeProtection", is(true))
                .body("recoveryLevel", is("CustomizedRecoverable"));

        given().get("/vaults/{v}", name).then().statusCode(200).body("enablePurgeProtection", is(true));
        given().get("/vaults").then().statusCode(200).body("value.name", hasItem(name));

        given().delete("/vaults/{v}", name).then().statusCode(200).body("name", is(name));
        given().get("/vaults/{v}", name).then().statusCode(404)
                .body("error.code", is("VaultNotFound"))
                .body("error.message", containsString(name));
    }

    @Test
    void aNewVaultGetsNinetyDaysRetentionWithoutPurgeProtection() {
        String name = newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", name).then()
                .statusCode(201)
                .body("softDeleteRetentionInDays", is(90))
                .body("recoveryLevel", is("Recoverable+Purgeable"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "retention 6 days     | {\"softDeleteRetentionInDays\": 6}  | softDeleteRetentionInDays 6 is out of range: 7 to 90",
            "retention 91 days    | {\"softDeleteRetentionInDays\": 91} | softDeleteRetentionInDays 91 is out of range: 7 to 90",
            "retention not number | {\"softDeleteRetentionInDays\": \"x\"} | member 'softDeleteRetentionInDays' must be an integer",
            "broken JSON          | {\"softDeleteRetentionInDays\":      | the request body is not valid JSON"})
    void badVaultSettingsAreRefusedAndNothingIsCreated(String rule, String body, String message) {
        String name = newVaultName();
        given().contentType(ContentType.JSON).body(body).put("/vaults/{v}", name).then()
                .statusCode(400)
                .body("error.code", is("BadParameter"))
                .body("error.message", containsString(message));
        given().get("/vaults/{v}", name).then().statusCode(404);
    }

    @ParameterizedTest
    @CsvSource({"ab", "1vault", "vault-", "my--vault", "a-name-that-is-far-too-long-for-a-vault"})
    void vaultNamesFollowKeyVaultsRule(String name) {
        given().contentType(ContentType.JSON).put("/vaults/{v}", name).then()
                .statusCode(400)
                .body("error.message", containsString("vault name '" + name + "' is not valid"));
    }

    @Test
    void purgeProtectionCannotBeTurnedOffOnceOn() {
        String name = newVaultName();
        given().contentType(ContentType.JSON).body("{\"enablePurgeProtection\": true}").put("/vaults/{v}", name).then().statusCode(201);

        given().contentType(ContentType.JSON).body("{\"enablePurgeProtection\": false, \"softDeleteRetentionInDays\": 10}")
                .put("/vaults/{v}", name).then()
                .statusCode(400)
                .body("error.message", containsString("cannot be turned off"));
        given().get("/vaults/{v}", name).then().body("enablePurgeProtection", is(true)).body("softDeleteRetentionInDays", is(90));
    }

    @Test
    void unknownPathsAnswerInKeyVaultsErrorShape() {
        given().get("/vaults/{v}/nothing-here", newVaultName()).then()
                .statusCode(404)
                .body("error.code", is("NotFound"));
    }
}
