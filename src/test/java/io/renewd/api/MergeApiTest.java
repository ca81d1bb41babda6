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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class MergeApiTest {

    private static final TestCertificates.Chain CA = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void mergesABase64DerChainSignedForThePendingCsr() {
        X509Certificate signed = signPendingCsr(startManualCreate("der"));

        merge("der", List.of(der(signed), der(CA.intermediate()), der(CA.root())))
                .statusCode(201)
                .body("x5t", is(Thumbprints.x5t(signed)));
        given().get("/vaults/{v}/certificates/der/pending", vault).then().body("status", is("completed"));
        given().get("/vaults/{v}/certificates/der", vault).then().statusCode(200).body("x5t", is(Thumbprints.x5t(signed)));
    }

    @Test
    void mergesAPemChainInAnyOrder() {
        X509Certificate signed = signPendingCsr(startManualCreate("pem"));

        merge("pem", List.of(PemCodec.writeCertificates(List.of(CA.root(), signed, CA.intermediate()))))
                .statusCode(201).body("x5t", is(Thumbprints.x5t(signed)));
    }

    @Test
    void mergesAPkcs7BundleMadeByOpenssl() throws Exception {
        X509Certificate signed = signPendingCsr(startManualCreate("p7"));
        Path dir = Files.createTempDirectory("p7");
        Files.writeString(dir.resolve("chain.pem"), PemCodec.writeCertificates(List.of(signed, CA.intermediate())));
        Process process = new ProcessBuilder("openssl", "crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        process.waitFor(30, TimeUnit.SECONDS);

        merge("p7", List.of(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("chain.p7b")))))
                .statusCode(201).body("x5t", is(Thumbprints.x5t(signed)));
    }

    /**
     * The SDKs take x5c items as bytes and base64 them: callers who follow their examples pass a
     * .crt file's bytes (PEM text; PowerShell, .NET, Java) or the base64 text of the DER (the
     * JavaScript SDK's documented mergeCertificate example). Key Vault accepts both; one level only.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "the bytes of a PEM file,                    pem,         201",
            "the bytes of base64 DER text,               base64,      201",
            "base64 DER text encoded twice more,         base64x2,    400",
    })
    void mergesTheCertificateBytesTheSdksBase64Once(String form, String encoding, int status) {
        String name = "sdk-" + encoding;
        X509Certificate signed = signPendingCsr(startManualCreate(name));
        String text = switch (encoding) {
            case "pem" -> PemCodec.writeCertificates(List.of(signed));
            case "base64" -> der(signed);
            case "base64x2" -> base64(der(signed));
            default -> throw new IllegalArgumentException(encoding);
        };

        ValidatableResponse response = merge(name, List.of(base64(text), der(CA.intermediate()))).statusCode(status);
        if (status == 201) {
            response.body("x5t", is(Thumbprints.x5t(signed)));
        } else {
            response.body("error.code", is("BadParameter"));
            given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().body("status", is("inProgress"));
        }
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndTheOperationKeepsWaiting() {
        startManualCreate("foreign");
        var foreign = TestCertificates.validChain("CN=manual.example.com", new KeySpec.Rsa(2048));

        merge("foreign", List.of(der(foreign.leaf()), der(foreign.intermediate())))
                .statusCode(400).body("error.code", is("BadParameter"))
                .body("error.message", containsString("its public key differs from the pending key"));
        merge("foreign", List.of("not base64 %%")).statusCode(400).body("error.message", containsString("neither base64 nor PEM"));
        merge("foreign", List.of()).statusCode(400).body("error.message", containsString("x5c is required"));

        given().get("/vaults/{v}/certificates/foreign/pending", vault).then().body("status", is("inProgress"));
        given().get("/vaults/{v}/certificates/foreign", vault).then().body("x5t", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void mergeWithoutAWaitingOperationIsRefused() {
        given().contentType(ContentType.JSON)
                .body(CertificateLifecycleApiTest.SELF_POLICY).post("/vaults/{v}/certificates/self/create", vault).then().statusCode(202);

        merge("self", List.of(der(CA.leaf()))).statusCode(404).body("error.code", is("PendingCertificateNotFound"));
        merge("nothing-here", List.of(der(CA.leaf()))).statusCode(404).body("error.code", is("CertificateNotFound"));
    }

    private String startManualCreate(String name) {
        return given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202).extract().path("csr");
    }

    /** What a CA does with the CSR: sign its key and names. */
    private static X509Certificate signPendingCsr(String csrBase64) {
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        return CertificateIssuance.signedBy(csr.publicKey(), template, CA.intermediate(), CA.intermediateKey().getPrivate());
    }

    private ValidatableResponse merge(String name, List<String> x5c) {
        return given().contentType(ContentType.JSON).body(Map.of("x5c", x5c))
                .post("/vaults/{v}/certificates/{n}/pending/merge", vault, name).then();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
