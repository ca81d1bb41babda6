package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.PemCodec;
import io.renewd.pki.Thumbprints;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Key Vault 7.6's {@code preserveCertOrder}: given on create or import, it is kept, shown on the certificate, the
 * deleted certificate and the operation (from 7.6 on, never to older versions), and when true the chain keeps the
 * order it was given in (PEM import, merge) instead of leaf first.
 */
@QuarkusTest
class PreserveCertOrderApiTest {

    private static final TestCertificates.Chain CHAIN = TestCertificates.validChain("CN=ordered.example.com", new KeySpec.Ec(Curve.P_256));

    private static final String SELF = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=order.example.com"},
             "issuer": {"name": "Self"}}, "preserveCertOrder": true}""";

    private static final String UNKNOWN = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": true}, "secret_props": {"contentType": "application/x-pem-file"},
             "x509_props": {"subject": "CN=merged.example.com"}, "issuer": {"name": "Unknown"}}, "preserveCertOrder": %s}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @ParameterizedTest(name = "api-version={0}")
    @ValueSource(strings = {"7.6", "7.6-preview.2", "2025-07-01"})
    void createKeepsItAndTheCertificateTheOperationAndTheDeletedCertificateShowIt(String version) {
        given().contentType(ContentType.JSON).body(SELF).queryParam("api-version", version)
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202).body("preserveCertOrder", equalTo(true));
        given().queryParam("api-version", version).get("/vaults/{v}/certificates/web", vault)
                .then().statusCode(200).body("preserveCertOrder", equalTo(true));
        given().queryParam("api-version", version).get("/vaults/{v}/certificates/web/pending", vault)
                .then().statusCode(200).body("preserveCertOrder", equalTo(true));
        given().queryParam("api-version", version).delete("/vaults/{v}/certificates/web", vault)
                .then().statusCode(200).body("preserveCertOrder", equalTo(true));
        given().queryParam("api-version", version).get("/vaults/{v}/deletedcertificates/web", vault)
                .then().statusCode(200).body("preserveCertOrder", equalTo(true));
    }

    @ParameterizedTest(name = "api-version={0}")
    @ValueSource(strings = {"7.0", "7.4", "7.5", "7.6-preview.1"})
    void versionsBefore76DoNotShowIt(String version) {
        given().contentType(ContentType.JSON).body(SELF).post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202);
        given().queryParam("api-version", version).get("/vaults/{v}/certificates/web", vault)
                .then().statusCode(200).body("$", not(hasKey("preserveCertOrder")));
        given().queryParam("api-version", version).get("/vaults/{v}/certificates/web/pending", vault)
                .then().statusCode(200).body("$", not(hasKey("preserveCertOrder")));
        given().queryParam("api-version", version).delete("/vaults/{v}/certificates/web", vault)
                .then().statusCode(200).body("$", not(hasKey("preserveCertOrder")));
    }

    @Test
    void aCertificateCreatedWithoutItShowsFalse() {
        given().contentType(ContentType.JSON).body(SELF.replace(", \"preserveCertOrder\": true", ""))
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202).body("preserveCertOrder", equalTo(false));
        given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200).body("preserveCertOrder", equalTo(false));
    }

    @Test
    void aPemImportKeepsTheOrderItWasGivenInWhenAskedAndIsLeafFirstOtherwise() {
        String pem = PemCodec.writeCertificates(List.of(CHAIN.root(), CHAIN.leaf(), CHAIN.intermediate()))
                + PemCodec.writePrivateKey(CHAIN.leafKey().getPrivate());

        importPem("kept", pem, true).body("preserveCertOrder", equalTo(true)).body("x5t", equalTo(Thumbprints.x5t(CHAIN.leaf())));
        assertThat(secretChain("kept")).containsExactly(CHAIN.root(), CHAIN.leaf(), CHAIN.intermediate());

        importPem("ordered", pem, false).body("preserveCertOrder", equalTo(false));
        assertThat(secretChain("ordered")).containsExactly(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());
    }

    @Test
    void aMergeKeepsTheOrderItWasGivenInWhenTheCreateAskedForIt() {
        X509Certificate kept = signPendingCsr(startUnknown("kept", true));
        merge("kept", List.of(CHAIN.intermediate(), kept, CHAIN.root())).then().statusCode(201);
        assertThat(secretChain("kept")).containsExactly(CHAIN.intermediate(), kept, CHAIN.root());

        X509Certificate ordered = signPendingCsr(startUnknown("ordered", false));
        merge("ordered", List.of(CHAIN.intermediate(), ordered, CHAIN.root())).then().statusCode(201);
        assertThat(secretChain("ordered")).containsExactly(ordered, CHAIN.intermediate(), CHAIN.root());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAndCreatesNothing() {
        given().contentType(ContentType.JSON).body(SELF.replace("\"preserveCertOrder\": true", "\"preserveCertOrder\": \"yes\""))
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(400).body("error.code", equalTo("BadParameter"));
        given().get("/vaults/{v}/certificates/web/pending", vault).then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse importPem(String name, String pem, boolean preserve) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("value", pem, "preserveCertOrder", preserve,
                        "policy", Map.of("secret_props", Map.of("contentType", "application/x-pem-file"))))
                .post("/vaults/{v}/certificates/{n}/import", vault, name).then().statusCode(200);
    }

    private List<X509Certificate> secretChain(String name) {
        String value = given().get("/vaults/{v}/secrets/{n}", vault, name).then().statusCode(200).extract().path("value");
        return PemCodec.readCertificates(value);
    }

    private String startUnknown(String name, boolean preserve) {
        return given().contentType(ContentType.JSON).body(UNKNOWN.formatted(preserve))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202).extract().path("csr");
    }

    private io.restassured.response.Response merge(String name, List<X509Certificate> chain) {
        return given().contentType(ContentType.JSON).body(Map.of("x5c", List.of(PemCodec.writeCertificates(chain))))
                .post("/vaults/{v}/certificates/{n}/pending/merge", vault, name);
    }

    /** What a CA does with the CSR: sign its key and names. */
    private static X509Certificate signPendingCsr(String csrBase64) {
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        return CertificateIssuance.signedBy(csr.publicKey(), template, CHAIN.intermediate(), CHAIN.intermediateKey().getPrivate());
    }
}
