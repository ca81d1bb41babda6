package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.ApiVersionByDefault;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Key Vault's routes need an {@code api-version} Key Vault knows: without one, or with one it does not know, they
 * answer 400 BadParameter in Key Vault's words and change nothing. renewd's own routes need none.
 */
@QuarkusTest
class ApiVersionApiTest {

    private static final String CREATE = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=versions.example.com"},
             "issuer": {"name": "Self"}}}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /certificates",
            "GET,    /certificates/web",
            "GET,    /certificates/web/versions",
            "POST,   /certificates/web/create",
            "POST,   /certificates/web/import",
            "GET,    /certificates/web/pending",
            "GET,    /certificates/issuers",
            "GET,    /certificates/contacts",
            "GET,    /deletedcertificates",
            "DELETE, /deletedcertificates/web",
            "GET,    /secrets/web",
            "GET,    /keys/web",
            "GET,    /Certificates/web",
    })
    void aKeyVaultRouteWithoutApiVersionIsRefusedInKeyVaultsWords(Method method, String route) {
        given().contentType(ContentType.JSON).body(method == Method.POST ? CREATE : "")
                .queryParam("api-version", ApiVersionByDefault.NONE)
                .request(method, "/vaults/{v}" + route, vault)
                .then().statusCode(400)
                .body("error.code", equalTo("BadParameter"))
                .body("error.message", equalTo("The 'api-version' parameter is missing."));
    }

    @Test
    void aRefusedCreateChangesNothing() {
        given().contentType(ContentType.JSON).body(CREATE).queryParam("api-version", ApiVersionByDefault.NONE)
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(400);
        given().contentType(ContentType.JSON).body(CREATE).queryParam("api-version", "7.7")
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(400);
        given().get("/vaults/{v}/certificates/web/pending", vault).then().statusCode(404);
    }

    @ParameterizedTest(name = "api-version={0}")
    @ValueSource(strings = {"7.7", "8.0", "6.0", "2016-10-02", "2025-07-02", "2099-01-01", "7.6-preview.9", "latest", "7", "7.6 ",
            "7.6;drop"})
    void anUnknownVersionIsRefusedWithTheLatestOneKeyVaultSuggests(String version) {
        given().queryParam("api-version", version).get("/vaults/{v}/certificates", vault)
                .then().statusCode(400)
                .body("error.code", equalTo("BadParameter"))
                .body("error.message", equalTo("The specified version (" + version
                        + ") is not recognized. Consider using the latest supported version (2025-07-01)."));
    }

    @Test
    void twoDifferentVersionsAreRefused() {
        given().get("/vaults/{v}/certificates?api-version=7.5&api-version=7.6", vault)
                .then().statusCode(400).body("error.code", equalTo("BadParameter"));
    }

    @ParameterizedTest(name = "api-version={0}")
    @ValueSource(strings = {"7.0", "7.1", "7.1-preview", "7.2", "7.2-preview", "7.3", "7.3-preview", "7.4", "7.4-preview.1",
            "7.5", "7.5-preview.1", "7.6", "7.6-preview.1", "7.6-preview.2", "7.6-PREVIEW.2", "2025-06-01-preview", "2025-07-01",
            "2026-01-01-preview"})
    void everyVersionKeyVaultAcceptsIsAnswered(String version) {
        given().queryParam("api-version", version).get("/vaults/{v}/certificates", vault).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    ''",
            "GET,    /guardrails",
            "GET,    /accessPolicies",
            "GET,    /audit",
            "GET,    /reissues",
    })
    void renewdsOwnRoutesNeedNoApiVersion(Method method, String route) {
        given().queryParam("api-version", ApiVersionByDefault.NONE).request(method, "/vaults/{v}" + route, vault)
                .then().statusCode(not(400));
        given().queryParam("api-version", "not-a-version").request(method, "/vaults/{v}" + route, vault)
                .then().statusCode(not(400));
    }

    @Test
    void theBulkReissueUnderCertificatesIsRenewdsAndNeedsNone() {
        given().contentType(ContentType.JSON).queryParam("api-version", ApiVersionByDefault.NONE)
                .body("{\"selector\": {\"issuer\": \"Self\"}, \"reason\": \"test\"}")
                .post("/vaults/{v}/certificates/reissue", vault)
                .then().statusCode(not(400));
    }
}
