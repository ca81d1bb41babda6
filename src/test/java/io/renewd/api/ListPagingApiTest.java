package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.renewd.api.CertificateLifecycleApiTest.relative;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Paged lists as Key Vault pages them: maxresults, nextLink, and the query parameters a nextLink keeps. */
@QuarkusTest
class ListPagingApiTest {

    private static final String ACME = """
            {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory"}}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).body("{\"softDeleteRetentionInDays\": 7}").put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void includePendingIsKeptOnTheNextPage() {
        for (String name : new String[]{"p-1", "p-2", "p-3"}) {
            create(name, CertificateLifecycleApiTest.UNKNOWN_POLICY);
        }

        String next = given().get("/vaults/{v}/certificates?includePending=true&maxresults=2", vault).then().statusCode(200)
                .body("value", hasSize(2)).body("nextLink", containsString("includePending=true"))
                // The Azure SDKs read every item's attributes: a certificate without a version yet has them too, not enabled.
                .body("value[0].attributes.enabled", is(false)).body("value[0].attributes.created", notNullValue())
                .body("value[0].attributes.recoveryLevel", notNullValue()).extract().path("nextLink");
        given().urlEncodingEnabled(false).get(relative(next)).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", endsWith("/certificates/p-3")).body("nextLink", nullValue());
    }

    @Test
    void deletedCertificatesThatNeverGotAVersionAreListedOnlyWithIncludePending() {
        create("issued", CertificateLifecycleApiTest.SELF_POLICY);
        create("waiting", CertificateLifecycleApiTest.UNKNOWN_POLICY);
        given().delete("/vaults/{v}/certificates/issued", vault).then().statusCode(200);
        given().delete("/vaults/{v}/certificates/waiting", vault).then().statusCode(200);

        given().get("/vaults/{v}/deletedcertificates", vault).then().statusCode(200)
                .body("value.id", contains(endsWith("/certificates/issued")));
        given().get("/vaults/{v}/deletedcertificates?includePending=false", vault).then().statusCode(200)
                .body("value", hasSize(1));
        String next = given().get("/vaults/{v}/deletedcertificates?includePending=true&maxresults=1", vault).then().statusCode(200)
                .body("value.id", contains(endsWith("/certificates/issued"))).body("nextLink", containsString("includePending=true"))
                .extract().path("nextLink");
        given().urlEncodingEnabled(false).get(relative(next)).then().statusCode(200)
                .body("value.id", contains(endsWith("/certificates/waiting"))).body("nextLink", nullValue());
    }

    @Test
    void issuersArePagedByMaxresultsAndNextLink() {
        for (String name : new String[]{"ca-1", "ca-2", "ca-3"}) {
            given().contentType(ContentType.JSON).body(ACME).put("/vaults/{v}/certificates/issuers/{i}", vault, name).then().statusCode(200);
        }

        String next = given().get("/vaults/{v}/certificates/issuers?maxresults=2&api-version=7.4", vault).then().statusCode(200)
                .body("value.id", contains(endsWith("/issuers/ca-1"), endsWith("/issuers/ca-2")))
                .body("nextLink", containsString("?api-version=7.4&$skiptoken=")).extract().path("nextLink");
        given().urlEncodingEnabled(false).get(relative(next)).then().statusCode(200)
                .body("value.id", contains(endsWith("/issuers/ca-3"))).body("nextLink", nullValue());
        given().get("/vaults/{v}/certificates/issuers", vault).then().statusCode(200).body("value", hasSize(3)).body("nextLink", nullValue());
    }

    @ParameterizedTest
    @CsvSource({
            "/certificates?maxresults=abc,                    'maxresults'",
            "/certificates?maxresults=2.5,                    'maxresults'",
            "/certificates?maxresults=0,                      'maxresults 0 is out of range: 1 to 25'",
            "/certificates?includePending=yes,                'includePending'",
            "/certificates/c/versions?maxresults=abc,         'maxresults'",
            "/deletedcertificates?maxresults=abc,             'maxresults'",
            "/deletedcertificates?includePending=1,           'includePending'",
            "/certificates/issuers?maxresults=abc,            'maxresults'",
            "/certificates/issuers?maxresults=26,             'maxresults 26 is out of range: 1 to 25'",
            "/certificates/issuers?$skiptoken=!!!,            '$skiptoken'",
            "/reissues?maxresults=abc,                        'maxresults'",
            "/audit?maxresults=abc,                           'maxresults'",
    })
    void aQueryParameterOfTheWrongTypeOrRangeIsBadParameter(String pathAndQuery, String message) {
        create("c", CertificateLifecycleApiTest.SELF_POLICY);

        given().urlEncodingEnabled(false).get("/vaults/" + vault + pathAndQuery).then().statusCode(400)
                .body("error.code", is("BadParameter")).body("error.message", containsString(message));
    }

    private void create(String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202)
                .body("id", notNullValue());
    }
}
