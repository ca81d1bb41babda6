package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.issuer.acme.AcmePebble;
import io.renewd.pki.PemCodec;
import io.renewd.testing.PebbleServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class IssuersApiTest {

    private static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    private static final String EAB_KID = "kid-digicert";
    private static final AcmePebble.PerClass PEBBLE_WITH_EAB = new AcmePebble.PerClass(Map.of(EAB_KID, HMAC));
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

    /** The JavaScript SDK's updateIssuer sends "credentials": {} whatever the caller changes: no member sent, nothing changes. */
    @Test
    void patchWithAnEmptyCredentialsObjectKeepsTheCredentials() {
        put("le", ACME).statusCode(200);

        given().contentType(ContentType.JSON).body("{\"credentials\": {}, \"org_details\": {\"id\": \"org-8\"}}")
                .patch("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200)
                .body("org_details.id", is("org-8"))
                .body("credentials.account_id", is("kid-1"));
        given().get("/vaults/{v}/certificates/issuers/le", vault).then().body("credentials.account_id", is("kid-1"));
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
        put("le", "{\"provider\": \"Entrust\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\"}}")
                .statusCode(400).body("error.message", containsString("provider 'Entrust' takes no acme"));
        put("le", "{\"provider\": \"Entrust\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .statusCode(400).body("error.message", containsString("provider 'Entrust' takes no acme"));
        put("le", "{\"provider\": \"Entr\\nust\"}").statusCode(400).body("error.message", containsString("provider"));
        put("le", "{\"provider\": \"" + "x".repeat(129) + "\"}").statusCode(400).body("error.message", containsString("128"));
        put("Self", ACME).statusCode(400).body("error.message", containsString("is reserved"));

        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(404).body("error.code", is("CertificateIssuerNotFound"));
    }

    @Test
    void anIssuerOfAnyProviderIsStoredAndShownAsKeyVaultDoes() {
        put("test-issuer", """
                {"provider": "Test", "credentials": {"account_id": "keyvaultuser", "pwd": "%s"},
                 "org_details": {"admin_details": [{"first_name": "John", "last_name": "Doe", "email": "admin@example.com", "phone": "4255555555"}]},
                 "attributes": {"enabled": true}}""".formatted(HMAC)).statusCode(200)
                .body("provider", is("Test")).body("credentials.account_id", is("keyvaultuser")).body("credentials.pwd", nullValue())
                .body("org_details.admin_details[0].first_name", is("John")).body("attributes.enabled", is(true))
                .body("acme", nullValue()).body("ca", nullValue());

        given().get("/vaults/{v}/certificates/issuers/test-issuer", vault).then().statusCode(200)
                .body("provider", is("Test")).body("credentials.account_id", is("keyvaultuser")).body("org_details.admin_details[0].last_name", is("Doe"));
        given().get("/vaults/{v}/certificates/issuers", vault).then().statusCode(200).body("value[0].provider", is("Test"));
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/issuers/test-issuer", vault).then().statusCode(200)
                .body("provider", is("Test")).body("attributes.enabled", is(false)).body("credentials.account_id", is("keyvaultuser"));
    }

    /** "Self" as a provider is a name like any other: it must not reach the self-signed adapter, nor any other. */
    @ParameterizedTest
    @CsvSource({"Test", "Self", "self", "OneCertV2-PublicCA"})
    void aCertificateOfAProviderWithoutAnAdapterFailsAtIssuanceNamingTheProvider(String provider) throws Exception {
        put("other", "{\"provider\": \"" + provider + "\"}").statusCode(200).body("provider", is(provider));
        create("site", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=site.example.com\"}, \"issuer\": {\"name\": \"other\"}}}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/vaults/{v}/certificates/site/pending", vault).then()
                .statusCode(200).body("status_details", containsString("provider '" + provider + "'"))
                .body("error.code", is("IssuerNotSupported")));
        given().get("/vaults/{v}/certificates/site/pending", vault).then().body("status", is("inProgress"));
        given().get("/vaults/{v}/certificates?includePending=true", vault).then().body("value[0].x5t", nullValue());
        given().get("/vaults/{v}/certificates/site", vault).then().body("x5t", nullValue());
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select payload ->> 'personMustAct', payload -> 'error' ->> 'message' from outbox"
                     + " where aggregateid = ? and type = 'io.renewd.certificate.RenewalFailed'")) {
            query.setString(1, vault + "/site");
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).as("a RenewalFailed event").isTrue();
                assertThat(rows.getString(1)).isEqualTo("true");
                assertThat(rows.getString(2)).contains("provider '" + provider + "'");
            }
        }
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

    /** An issuer as Key Vault's clients send it: provider, credentials, org_details, attributes; no renewd member. */
    private static String keyVaultIssuer(String provider) {
        return """
                {"provider": "%s", "credentials": {"account_id": "kid-1", "pwd": "%s"},
                 "org_details": {"id": "org-7", "admin_details": [{"first_name": "Ada", "last_name": "Admin", "email": "ada@example.com",
                  "phone": "555-0100"}]}, "attributes": {"enabled": true}}""".formatted(provider, HMAC);
    }

    @ParameterizedTest
    @CsvSource({"DigiCert, https://acme.digicert.com/v2/acme/directory/", "GlobalSign, https://emea.acme.atlas.globalsign.com/directory",
            "Sectigo, https://acme.sectigo.com/v2/DV", "ZeroSSL, https://acme.zerossl.com/v2/DV90", "digicert, https://acme.digicert.com/v2/acme/directory/"})
    void aKeyVaultProviderNameWithKeyVaultsJsonMapsToTheCasDirectoryAndIsShownBackAsSent(String provider, String directory) throws Exception {
        put("partner", keyVaultIssuer(provider)).statusCode(200)
                .body("provider", is(provider))
                .body("acme.directory_url", is(directory))
                .body("credentials.account_id", is("kid-1"))
                .body("credentials.pwd", nullValue())
                .body("org_details.id", is("org-7"))
                .body("org_details.admin_details[0].email", is("ada@example.com"))
                .body("attributes.enabled", is(true));

        given().get("/vaults/{v}/certificates/issuers/partner", vault).then().statusCode(200)
                .body("provider", is(provider)).body("acme.directory_url", is(directory)).body("credentials.pwd", nullValue());
        given().get("/vaults/{v}/certificates/issuers", vault).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].provider", is(provider));
        // A PATCH that says nothing of the provider keeps it, its directory and its credentials.
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/issuers/partner", vault).then().statusCode(200)
                .body("provider", is(provider)).body("acme.directory_url", is(directory)).body("credentials.account_id", is("kid-1"));
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery("select t::text from certificate_issuer t")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain(HMAC);
            }
        }
    }

    @Test
    void letsEncryptNeedsNoCredentialsAndAnEabCaWithoutThemIsRefused() {
        put("le", "{\"provider\": \"LetsEncrypt\", \"acme\": {\"contact\": \"pki@example.com\"}}").statusCode(200)
                .body("provider", is("LetsEncrypt"))
                .body("acme.directory_url", is("https://acme-v02.api.letsencrypt.org/directory"))
                .body("acme.contact", is("pki@example.com"))
                .body("credentials", nullValue());

        put("dc", "{\"provider\": \"DigiCert\", \"org_details\": {\"id\": \"org-7\"}}").statusCode(400)
                .body("error.message", containsString("provider DigiCert needs External Account Binding: send credentials.account_id"));
        put("le", keyVaultIssuer("LetsEncrypt")).statusCode(400)
                .body("error.message", containsString("provider LetsEncrypt takes no credentials"));
        given().get("/vaults/{v}/certificates/issuers/dc", vault).then().statusCode(404);
        given().get("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200).body("credentials", nullValue());
    }

    @Test
    void theDirectoryOfANamedCaIsOverriddenAndStillHeldToTheAddressGuard() {
        String overridden = keyVaultIssuer("DigiCert").replace("\"provider\"",
                "\"acme\": {\"directory_url\": \"https://10.20.30.40/acme/directory\"}, \"provider\"");
        put("dc", overridden).statusCode(400)
                .body("error.message", containsString("acme.directory_url 'https://10.20.30.40/acme/directory' cannot be used"))
                .body("error.message", containsString("renewd.acme.allowed-hosts"));

        put("dc", overridden.replace("10.20.30.40", "127.0.0.1")).statusCode(200)
                .body("provider", is("DigiCert")).body("acme.directory_url", is("https://127.0.0.1/acme/directory"));
        // Switching the provider drops the old directory: GlobalSign's own applies.
        given().contentType(ContentType.JSON).body("{\"provider\": \"GlobalSign\"}")
                .patch("/vaults/{v}/certificates/issuers/dc", vault).then().statusCode(200)
                .body("provider", is("GlobalSign")).body("acme.directory_url", is("https://emea.acme.atlas.globalsign.com/directory"))
                .body("credentials.account_id", is("kid-1"));
    }

    /**
     * A DigiCert issuer as Key Vault's users set it, with its directory pointed at Pebble requiring External Account
     * Binding: the renewer registers with the EAB credentials and issues; a second request gets a new version.
     */
    @Test
    void aDigiCertIssuerWithEabIssuesThroughTheRenewerFromItsOverriddenDirectory() throws Exception {
        PebbleServer pebble = PEBBLE_WITH_EAB.get();
        put("digicert", keyVaultIssuer("DigiCert").replace("\"provider\"",
                "\"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"}, \"provider\"").replace("kid-1", EAB_KID))
                .statusCode(200).body("provider", is("DigiCert")).body("acme.directory_url", is(pebble.directoryUrl().toString()));
        String policy = """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "secret_props": {"contentType": "application/x-pem-file"},
                 "x509_props": {"subject": "CN=partner.renewd.test", "sans": {"dns_names": ["partner.renewd.test"]}},
                 "issuer": {"name": "digicert"}}}""";

        create("partner", policy);
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(pendingStatus("partner")));
        String first = given().get("/vaults/{v}/certificates/partner", vault).then().statusCode(200).extract().path("id");
        X509Certificate leaf = secretChain("partner").getFirst();
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("partner.renewd.test");
        assertIssuedByPebble(pebble, secretChain("partner"));

        create("partner", policy);
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(pendingStatus("partner"))
                && !first.equals(given().get("/vaults/{v}/certificates/partner", vault).then().extract().path("id")));
        assertIssuedByPebble(pebble, secretChain("partner"));
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select count(*) from acme_account where vault = ? and issuer = 'digicert'")) {
            statement.setString(1, vault);
            try (var rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("one EAB-bound account for both issuances").isEqualTo(1);
            }
        }
    }

    @AfterAll
    static void stopPebble() {
        PEBBLE_WITH_EAB.close();
    }

    private String pendingStatus(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().extract().path("status");
    }

    private List<X509Certificate> secretChain(String name) {
        String pem = given().get("/vaults/{v}/secrets/{n}", vault, name).then().statusCode(200).extract().path("value");
        return PemCodec.readCertificates(pem);
    }

    private static void assertIssuedByPebble(PebbleServer pebble, List<X509Certificate> chain) throws Exception {
        X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pebble.issuingRootPem().getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> path = new ArrayList<>(chain.stream().filter(c -> !c.equals(root)).toList());
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private ValidatableResponse put(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/certificates/issuers/{i}", vault, name).then();
    }

    private void create(String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }
}
