package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.pki.PemCodec;
import io.renewd.pki.Thumbprints;
import io.renewd.testing.TestCertificates;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ImportApiTest {

    private static final TestCertificates.Chain RSA_CHAIN = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Rsa(2048));

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void importsPemWithChainAndDerivesThePolicyFromTheCertificate() {
        importCertificate("pem", Map.of("value", RSA_CHAIN.pem()))
                .statusCode(200)
                .body("x5t", is(Thumbprints.x5t(RSA_CHAIN.leaf())))
                .body("policy.issuer.name", is("Unknown"))
                .body("policy.key_props.kty", is("RSA"))
                .body("policy.key_props.key_size", is(2048))
                .body("policy.x509_props.subject", is("CN=imported.example.com"))
                .body("policy.x509_props.sans.dns_names", is(List.of("imported.example.com")))
                .body("policy.x509_props.ekus", is(List.of("1.3.6.1.5.5.7.3.1")))
                .body("policy.x509_props.validity_months", is(5))
                .body("policy.lifetime_actions[0].action.action_type", is("EmailContacts"));
    }

    @Test
    void importsModernAndLegacyPfxWithTheirPassword() {
        importCertificate("modern", Map.of("value", RSA_CHAIN.pfxBase64("s3cret"), "pwd", "s3cret")).statusCode(200)
                .body("x5t", is(Thumbprints.x5t(RSA_CHAIN.leaf())));
        importCertificate("legacy", Map.of("value", TestCertificates.legacyPfxBase64(RSA_CHAIN, "old-pass"), "pwd", "old-pass")).statusCode(200)
                .body("x5t", is(Thumbprints.x5t(RSA_CHAIN.leaf())));
    }

    @Test
    void theChainIsKeptAndServedWithTheSecret() throws Exception {
        importCertificate("chained", Map.of("value", RSA_CHAIN.pfxBase64("pw"), "pwd", "pw")).statusCode(200);

        String pfx = given().get("/vaults/{v}/secrets/chained", vault).then().statusCode(200)
                .body("contentType", is("application/x-pkcs12")).extract().path("value");
        var store = java.security.KeyStore.getInstance("PKCS12");
        store.load(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(pfx)), new char[0]);
        var chain = store.getCertificateChain(store.aliases().nextElement());
        org.assertj.core.api.Assertions.assertThat(chain).containsExactly(RSA_CHAIN.leaf(), RSA_CHAIN.intermediate(), RSA_CHAIN.root());
    }

    /** The content type follows what was imported unless the policy names one (as the az CLI infers it for Key Vault). */
    @ParameterizedTest(name = "{0} with policy {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            pem | none                                                   | application/x-pem-file
            pem | {"key_props": {"exportable": true}}                    | application/x-pem-file
            pem | {"secret_props": {"contentType": "application/x-pkcs12"}} | application/x-pkcs12
            pfx | none                                                   | application/x-pkcs12
            pfx | {"secret_props": {"contentType": "application/x-pem-file"}} | application/x-pem-file
            """)
    void theSecretsContentTypeIsTheFormatImportedUnlessThePolicyNamesOne(String format, String policy, String contentType) throws Exception {
        var body = new java.util.HashMap<String, Object>(Map.of("value", format.equals("pem") ? RSA_CHAIN.pem() : RSA_CHAIN.pfxBase64("")));
        if (!policy.equals("none")) {
            body.put("policy", new com.fasterxml.jackson.databind.ObjectMapper().readValue(policy, Map.class));
        }
        importCertificate("typed", body).statusCode(200).body("policy.secret_props.contentType", is(contentType));
        given().get("/vaults/{v}/secrets/typed", vault).then().statusCode(200).body("contentType", is(contentType));
        given().get("/vaults/{v}/certificates/typed/policy", vault).then().statusCode(200).body("secret_props.contentType", is(contentType));
    }

    @Test
    void importWhileAnOperationIsInProgressIsRefused() {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .post("/vaults/{v}/certificates/busy/create", vault).then().statusCode(202);

        importCertificate("busy", Map.of("value", RSA_CHAIN.pem())).statusCode(409).body("error.code", is("Conflict"));
        given().get("/vaults/{v}/certificates/busy/versions", vault).then().body("value", hasSize(0));
    }

    @Test
    void anImportIsANewVersionOfAnExistingCertificate() {
        importCertificate("twice", Map.of("value", RSA_CHAIN.pem())).statusCode(200);
        var other = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Rsa(2048));
        importCertificate("twice", Map.of("value", other.pem())).statusCode(200).body("x5t", is(Thumbprints.x5t(other.leaf())));

        given().get("/vaults/{v}/certificates/twice/versions", vault).then().body("value", hasSize(2));
    }

    @Test
    void aSuppliedPolicyMayAddActionsButNotContradictTheCertificate() {
        importCertificate("with-policy", Map.of("value", RSA_CHAIN.pem(),
                "policy", Map.of("lifetime_actions", List.of(Map.of("trigger", Map.of("days_before_expiry", 30), "action", Map.of("action_type", "EmailContacts"))))))
                .statusCode(200).body("policy.lifetime_actions[0].trigger.days_before_expiry", is(30));

        importCertificate("contradicted", Map.of("value", RSA_CHAIN.pem(), "policy", Map.of("key_props", Map.of("kty", "EC", "crv", "P-256"))))
                .statusCode(400).body("error.message", containsString("contradict the certificate's key (RSA 2048)"));
        importCertificate("contradicted", Map.of("value", RSA_CHAIN.pem(), "policy", Map.of("x509_props", Map.of("subject", "CN=other"))))
                .statusCode(400).body("error.message", containsString("contradicts the certificate's subject"));
        assertNothingStored("contradicted");
    }

    @Test
    void badImportsAreRefusedWithTheProblemNamedAndNothingStored() {
        var expired = TestCertificates.chain("CN=old", new KeySpec.Ec(Curve.P_256),
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        var otherKey = TestCertificates.validChain("CN=other", new KeySpec.Rsa(2048));
        String mismatched = PemCodec.writeCertificates(List.of(RSA_CHAIN.leaf())) + PemCodec.writePrivateKey(otherKey.leafKey().getPrivate());
        String certificateOnly = PemCodec.writeCertificates(List.of(RSA_CHAIN.leaf()));

        record Case(String what, Map<String, Object> body, String message) {
        }
        for (var bad : List.of(
                new Case("malformed PEM", Map.of("value", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"), "malformed"),
                new Case("not PEM nor base64", Map.of("value", "this is not a certificate %%"), "neither PEM text nor base64"),
                new Case("malformed PFX", Map.of("value", "AAAAAAAAAAAA"), "PFX"),
                new Case("wrong password", Map.of("value", RSA_CHAIN.pfxBase64("right"), "pwd", "wrong"), "password"),
                new Case("no private key", Map.of("value", certificateOnly), "no private key"),
                new Case("key of another certificate", Map.of("value", mismatched), "does not belong to"),
                new Case("expired", Map.of("value", expired.pem()), "expired"),
                new Case("no value", Map.of(), "value is required"))) {
            importCertificate("bad", bad.body())
                    .statusCode(400)
                    .body("error.code", is("BadParameter"))
                    .body("error.message", containsString(bad.message()));
        }
        assertNothingStored("bad");
    }

    private void assertNothingStored(String name) {
        given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(404);
        given().get("/vaults/{v}/certificates?includePending=true", vault).then()
                .body("value.id.findAll { it.endsWith('/" + name + "') }", hasSize(0));
    }

    private ValidatableResponse importCertificate(String name, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/import", vault, name).then();
    }
}
