package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ContactsApiTest {

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void setReplacesGetReadsDeleteRemoves() {
        given().get("/vaults/{v}/certificates/contacts", vault).then().statusCode(404).body("error.code", is("ContactsNotFound"));

        setContacts("[{\"email\":\"a@example.com\",\"name\":\"Ann\",\"phone\":\"+1 555\"},{\"email\":\"b@example.com\"}]")
                .statusCode(200)
                .body("id", endsWith("/vaults/" + vault + "/certificates/contacts"))
                .body("contacts.email", contains("a@example.com", "b@example.com"))
                .body("contacts[1]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("name")));
        setContacts("[{\"email\":\"oncall@example.com\",\"name\":\"On call\"}]").statusCode(200);

        given().get("/vaults/{v}/certificates/contacts", vault).then()
                .statusCode(200)
                .body("contacts.email", contains("oncall@example.com"))
                .body("contacts[0].name", is("On call"));

        given().delete("/vaults/{v}/certificates/contacts", vault).then()
                .statusCode(200)
                .body("contacts.email", contains("oncall@example.com"));
        given().get("/vaults/{v}/certificates/contacts", vault).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing email | [{\"name\":\"Ann\"}]                          | contacts[0].email is required",
            "bad email     | [{\"email\":\"a@example.com\"},{\"email\":\"ann\"}] | contacts[1].email 'ann' is not an email address"})
    void badContactListsAreRefusedAndTheOldListStays(String rule, String list, String message) {
        setContacts("[{\"email\":\"keep@example.com\"}]").statusCode(200);

        setContacts(list).statusCode(400).body("error.code", is("BadParameter")).body("error.message", containsString(message));

        given().get("/vaults/{v}/certificates/contacts", vault).then().body("contacts.email", contains("keep@example.com"));
    }

    @Test
    void contactsOfAMissingVaultAreNotFound() {
        given().contentType(ContentType.JSON).body("{\"contacts\":[]}")
                .put("/vaults/{v}/certificates/contacts", "no-such-vault").then()
                .statusCode(404).body("error.code", is("VaultNotFound"));
    }

    private io.restassured.response.ValidatableResponse setContacts(String list) {
        return given().contentType(ContentType.JSON).body("{\"contacts\":" + list + "}")
                .put("/vaults/{v}/certificates/contacts", vault).then();
    }
}
