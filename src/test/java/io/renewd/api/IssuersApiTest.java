package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class IssuersApiTest {

    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    private static final String ACME = """
            {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory", "contact": "pki@example.com"},
             "credentials": {"account_id": "kid-1", "pwd": "%s"}, "org_details": {"id": "org-7"}}""".formatted(HMAC);

    @Inject
    DataSource dataSource;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void acmeIssuerWithExternalAccountBindingNeverShowsItsSecret() throws Exception {
        put("zerossl", ACME).statusCode(200)
                .body("id", endsWith("/vaults/" + vault + "/certificates/issuers/zerossl"))
                .body("provider", is("acme"))
                .body("acme.directory_url", is("https://acme.example.com/directory"))
                .body("credentials.account_id", is("kid-1"))
                .body("credentials.pwd", nullValue())
                .body("org_details.id", is("org-7"))
                .body("attributes.enabled", is(true));

        given().get("/vaults/{v}/certificates/issuers/zerossl", vault).then().statusCode(200)
                .body("credentials.account_id", is("kid-1")).body("credentials.pwd", nullValue());
        given().get("/vaults/{v}/certificates/issuers", vault).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].provider", is("acme"));

        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("select t::text from certificate_issuer t")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain(HMAC).doesNotContain("kid-1");
            }
        }
    }

    @Test
    void patchChangesOnlyTheMembersSent() {
        put("le", ACME).statusCode(200);

        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200)
                .body("attributes.enabled", is(false))
                .body("acme.contact", is("pki@example.com"))
                .body("credentials.account_id", is("kid-1"));
    }

    @Test
    void anInternalCaIssuerNeedsACaCertificateOfTheVault() {
        put("internal", "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .statusCode(400).body("error.message", containsString("has no certificate 'root-ca'"));
        create("web", CertificateLifecycleApiTest.SELF_POLICY);
        put("internal", "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"web\"}}")
                .statusCode(400).body("error.message", containsString("is not a CA certificate with keyCertSign"));

        create("root-ca", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=Team Root CA\", \"key_usage\": [\"keyCertSign\", \"cRLSign\"], \"validity_months\": 60}}}");
        put("internal", "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .statusCode(200).body("ca.certificate_name", is("root-ca"));
    }

    @Test
    void badIssuersAreRefusedAndNothingIsStored() {
        put("le", "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"http://insecure.example.com/dir\"}}")
                .statusCode(400).body("error.message", containsString("must be an https URL"));
        put("le", "{\"provider\": \"DigiCert\"}").statusCode(400).body("error.message", containsString("is not supported"));
        put("Self", ACME).statusCode(400).body("error.message", containsString("is reserved"));

        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(404).body("error.code", is("CertificateIssuerNotFound"));
    }

    @Test
    void anIssuerNamedByAPolicyCannotBeDeletedUntilThePolicyChanges() {
        put("le", ACME).statusCode(200);
        create("site", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=site.example.com\"}, \"issuer\": {\"name\": \"le\"}}}");

        given().delete("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(409)
                .body("error.code", is("IssuerInUse")).body("error.message", containsString("site"));

        given().contentType(ContentType.JSON).body("{\"issuer\": {\"name\": \"Self\"}}")
                .patch("/vaults/{v}/certificates/site/policy", vault).then().statusCode(200);
        given().delete("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200).body("provider", is("acme"));
        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(404);
    }

    @Test
    void aCreateWithANamedIssuerWaitsForTheRenewer() {
        put("le", ACME).statusCode(200);

        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=site.example.com\"}, \"issuer\": {\"name\": \"le\"}}}")
                .post("/vaults/{v}/certificates/site/create", vault).then().statusCode(202)
                .body("status", is("inProgress")).body("issuer.name", is("le")).body("status_details", containsString("waiting for issuer 'le'"));
    }

    @Test
    void solversAreStoredAndShownAsSentAndAPatchReplacesTheListWhole() {
        String withSolvers = """
                {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory",
                 "solvers": [{"http01": {}, "selector": {"dns_zones": ["team-a.example.com"]}}, {"http01": {}}]}}""";
        put("le", withSolvers).statusCode(200)
                .body("acme.solvers", hasSize(2))
                .body("acme.solvers[0].selector.dns_zones[0]", is("team-a.example.com"))
                .body("acme.solvers[1].http01", is(java.util.Map.of()))
                .body("acme.solvers[1].selector", nullValue());
        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200).body("acme.solvers", hasSize(2));

        given().contentType(ContentType.JSON).body("{\"acme\": {\"solvers\": [{\"http01\": {}, \"selector\": {\"dns_names\": [\"www.example.com\"]}}]}}")
                .patch("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200)
                .body("acme.directory_url", is("https://acme.example.com/directory"))
                .body("acme.solvers", hasSize(1))
                .body("acme.solvers[0].selector.dns_names[0]", is("www.example.com"));
    }

    @Test
    void aBrokenSolverIsRefusedByNameAndChangesNothing() {
        put("le", ACME).statusCode(200);

        put("le", "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\", \"solvers\": [{\"selector\": {}}]}}")
                .statusCode(400).body("error.message", containsString("acme.solvers[0] names no method"));
        put("le", "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\", \"solvers\": [{\"smtp01\": {}}]}}")
                .statusCode(400).body("error.message", containsString("smtp01"));
        put("le", "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\", "
                + "\"solvers\": [{\"http01\": {}, \"selector\": {\"dns_zones\": [\"exa mple.com\"]}}]}}")
                .statusCode(400).body("error.message", containsString("acme.solvers[0].selector.dns_zones: 'exa mple.com' is not a DNS zone"));

        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200)
                .body("acme.contact", is("pki@example.com")).body("acme.solvers", nullValue());
    }

    @Test
    void aPolicyWithNamesNoSolverCanProveIsRefused() {
        put("le", """
                {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory",
                 "solvers": [{"http01": {}, "selector": {"dns_zones": ["example.com"]}}]}}""").statusCode(200);

        given().contentType(ContentType.JSON).body("""
                        {"policy": {"x509_props": {"subject": "CN=wild", "sans": {"dns_names": ["*.example.com"]}}, "issuer": {"name": "le"}}}""")
                .post("/vaults/{v}/certificates/wild/create", vault).then().statusCode(400)
                .body("error.message", containsString("'*.example.com' is a wildcard: only a dns01 solver can prove it"));
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"x509_props": {"subject": "CN=other", "sans": {"dns_names": ["www.example.org"]}}, "issuer": {"name": "le"}}}""")
                .post("/vaults/{v}/certificates/other/create", vault).then().statusCode(400)
                .body("error.message", containsString("no solver of the issuer selects 'www.example.org'"));
        given().get("/vaults/{v}/certificates/wild", vault).then().statusCode(404);
        create("site", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=www.example.com\"}, \"issuer\": {\"name\": \"le\"}}}");
    }

    private ValidatableResponse put(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/certificates/issuers/{i}", vault, name).then();
    }

    private void create(String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }
}
