package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A key created non-exportable stays non-exportable for its whole life: through policy changes,
 * new versions that reuse it, merges of a CSR made under the old policy, backups and restores.
 */
@QuarkusTest
class NonExportableKeyApiTest {

    static final String LOCKED_REUSED = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": false, "reuse_key": true},
                        "secret_props": {"contentType": "application/x-pem-file"},
                        "x509_props": {"subject": "CN=locked.example.com", "validity_months": 3}}}""";
    static final String EXPORT_AND_REUSE = """
            {"key_props": {"exportable": true, "reuse_key": true}}""";

    /** Makes a stored non-exportable policy say exportable, as renewd let a policy update do before. */
    static final String SAY_EXPORTABLE = "update certificate set policy = jsonb_set(policy, '{key,exportable}', 'true') "
            + "where vault = '%s' and policy->'key'->>'exportable' = 'false'";

    private static final TestCertificates.Chain CA = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));

    @Inject
    DataSource dataSource;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void aPolicyCannotMakeTheReusedNonExportableKeyExportable() {
        create("locked", LOCKED_REUSED).statusCode(202);

        given().contentType(ContentType.JSON).body(EXPORT_AND_REUSE).patch("/vaults/{v}/certificates/locked/policy", vault).then()
                .statusCode(400).body("error.code", is("BadParameter"))
                .body("error.message", allOf(containsString("exportable"), containsString("reuse_key")));
        given().contentType(ContentType.JSON).body("{\"policy\": " + EXPORT_AND_REUSE + "}")
                .patch("/vaults/{v}/certificates/locked", vault).then().statusCode(400).body("error.message", containsString("exportable"));
        create("locked", """
                {"policy": {"key_props": {"exportable": true, "reuse_key": true}, "x509_props": {"subject": "CN=locked.example.com"}}}""")
                .statusCode(400).body("error.message", containsString("exportable"));
        given().get("/vaults/{v}/certificates/locked/policy", vault).then().statusCode(200)
                .body("key_props.exportable", is(false)).body("key_props.reuse_key", is(true));

        create("locked", "{}").statusCode(202);
        assertVersions("locked", 2);
        assertNoPrivateKeyLeaves("locked");
    }

    @Test
    void aNewVersionThatReusesANonExportableKeyStaysNonExportableWhateverItsPolicySays() throws Exception {
        create("legacy", LOCKED_REUSED).statusCode(202);
        // A policy saying exportable over a non-exportable key, as renewd let one be set before (and old backups hold).
        sql(SAY_EXPORTABLE.formatted(vault));

        create("legacy", "{}").statusCode(202);

        assertVersions("legacy", 2);
        assertNoPrivateKeyLeaves("legacy");
    }

    @Test
    void aKeyMadeForACsrUnderANonExportablePolicyStaysNonExportableWhenMerged() {
        String csr = create("manual", """
                {"policy": {"key_props": {"exportable": false},
                            "x509_props": {"subject": "CN=manual.example.com"}, "issuer": {"name": "Unknown"}}}""")
                .statusCode(202).extract().path("csr");
        given().contentType(ContentType.JSON).body("{\"key_props\": {\"exportable\": true}, \"secret_props\": {\"contentType\": \"application/x-pem-file\"}}")
                .patch("/vaults/{v}/certificates/manual/policy", vault).then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("x5c", List.of(der(sign(csr)))))
                .post("/vaults/{v}/certificates/manual/pending/merge", vault).then().statusCode(201);

        assertNoPrivateKeyLeaves("manual");
    }

    @Test
    void aRestoredNonExportableKeyStaysNonExportableWhateverTheRestoredPolicySays() throws Exception {
        create("kept", LOCKED_REUSED).statusCode(202);
        sql(SAY_EXPORTABLE.formatted(vault));
        String blob = given().post("/vaults/{v}/certificates/kept/backup", vault).then().statusCode(200).extract().path("value");
        String target = TestVaults.create();

        given().contentType(ContentType.JSON).body(Map.of("value", blob)).post("/vaults/{v}/certificates/restore", target).then()
                .statusCode(200);
        assertNoPrivateKeyLeaves(target, "kept");
        create(target, "kept", "{}").statusCode(202);

        assertThat(given().get("/vaults/{v}/certificates/kept/versions", target).then().extract().<List<String>>path("value.id")).hasSize(2);
        assertNoPrivateKeyLeaves(target, "kept");
    }

    @Test
    void importingANonExportableKeyAgainCannotMakeItExportable() {
        TestCertificates.Chain chain = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Ec(Curve.P_256));
        importPem("imported", chain, false, true).statusCode(200);

        importPem("imported", chain, true, true).statusCode(400)
                .body("error.message", allOf(containsString("exportable"), containsString("reuse_key")));
        importPem("imported", chain, true, false).statusCode(200);

        assertNoPrivateKeyLeaves("imported");
    }

    @Test
    void anExportableKeyIsStillExportableAndANewKeyMayBeExportableAgain() {
        create("switch", LOCKED_REUSED).statusCode(202);

        given().contentType(ContentType.JSON).body("{\"key_props\": {\"exportable\": true, \"reuse_key\": false}}")
                .patch("/vaults/{v}/certificates/switch/policy", vault).then().statusCode(200);
        create("switch", "{}").statusCode(202);

        given().get("/vaults/{v}/secrets/switch", vault).then().statusCode(200).body("value", containsString("PRIVATE KEY"));
    }

    private void assertNoPrivateKeyLeaves(String name) {
        assertNoPrivateKeyLeaves(vault, name);
    }

    /** Neither the current secret nor any version's secret carries a private key. */
    private static void assertNoPrivateKeyLeaves(String vault, String name) {
        List<String> versions = given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().statusCode(200)
                .extract().path("value.id");
        given().get("/vaults/{v}/secrets/{n}", vault, name).then().statusCode(200)
                .body("contentType", is("application/x-pem-file")).body("value", not(containsString("PRIVATE KEY")));
        for (String id : versions) {
            given().get("/vaults/{v}/secrets/{n}/{version}", vault, name, id.substring(id.lastIndexOf('/') + 1)).then().statusCode(200)
                    .body("contentType", is("application/x-pem-file")).body("value", not(containsString("PRIVATE KEY")));
        }
    }

    private void assertVersions(String name, int count) {
        assertThat(given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().extract().<List<String>>path("value.id"))
                .hasSize(count);
    }

    private ValidatableResponse create(String name, String body) {
        return create(vault, name, body);
    }

    private static ValidatableResponse create(String vault, String name, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then();
    }

    private ValidatableResponse importPem(String name, TestCertificates.Chain chain, boolean exportable, boolean reuseKey) {
        var policy = Map.of("key_props", Map.of("exportable", exportable, "reuse_key", reuseKey),
                "secret_props", Map.of("contentType", "application/x-pem-file"));
        return given().contentType(ContentType.JSON).body(Map.of("value", chain.pem(), "policy", policy))
                .post("/vaults/{v}/certificates/{n}/import", vault, name).then();
    }

    /** What a CA does with the CSR: sign its key and names. */
    private static X509Certificate sign(String csrBase64) {
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        return CertificateIssuance.signedBy(csr.publicKey(), template, CA.intermediate(), CA.intermediateKey().getPrivate());
    }

    private static String der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) throws Exception {
        try (var connection = dataSource.getConnection(); var update = connection.createStatement()) {
            assertThat(update.executeUpdate(statement)).isPositive();
        }
    }
}
