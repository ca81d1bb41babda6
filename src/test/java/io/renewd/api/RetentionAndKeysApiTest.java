package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.certificates.PurgeExpiredCertificates;
import io.renewd.testing.TestClock;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class RetentionAndKeysApiTest {

    @Inject
    PurgeExpiredCertificates purgeExpired;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).body("{\"softDeleteRetentionInDays\": 7, \"enablePurgeProtection\": true}")
                .put("/vaults/{v}", vault).then().statusCode(201);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aDeletedCertificateIsPurgedOnceTheRetentionHasPassedEvenUnderPurgeProtection() {
        create("old", CertificateLifecycleApiTest.SELF_POLICY);
        given().delete("/vaults/{v}/certificates/old", vault).then().statusCode(200);

        TestClock.advance(Duration.ofDays(7).minusMinutes(1));
        purgeExpired.execute();
        given().get("/vaults/{v}/deletedcertificates/old", vault).then().statusCode(200);

        TestClock.advance(Duration.ofMinutes(2));
        assertThat(purgeExpired.execute()).isGreaterThanOrEqualTo(1);
        given().get("/vaults/{v}/deletedcertificates/old", vault).then().statusCode(404);
        create("old", CertificateLifecycleApiTest.SELF_POLICY);
    }

    @Test
    void reuseKeyKeepsTheKeyAcrossVersionsAndANewKeyIsMadeOtherwise() {
        create("same", "{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-384\", \"reuse_key\": true}, \"x509_props\": {\"subject\": \"CN=same\"}}}");
        String first = publicKey("same");
        create("same", "{}");
        assertThat(publicKey("same")).isEqualTo(first);

        given().contentType(ContentType.JSON).body("{\"key_props\": {\"reuse_key\": false}}")
                .patch("/vaults/{v}/certificates/same/policy", vault).then().statusCode(200);
        create("same", "{}");
        assertThat(publicKey("same")).isNotEqualTo(first);
    }

    @Test
    void opensslVerifiesTheCertificatesRenewdMakes() throws Exception {
        create("ca-signed", "{\"policy\": {\"key_props\": {\"kty\": \"RSA\", \"key_size\": 3072}, \"x509_props\": {\"subject\": \"CN=Verify Me,O=renewd\","
                + " \"sans\": {\"dns_names\": [\"verify.example.com\"], \"emails\": [\"pki@example.com\"], \"upns\": [\"svc@corp.example\"], \"ip_addresses\": [\"10.1.2.3\"]}}}}");
        String der = given().get("/vaults/{v}/certificates/ca-signed", vault).then().statusCode(200).extract().path("cer");
        Path dir = Files.createTempDirectory("verify");
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(Base64.getDecoder().decode(der))
                + "\n-----END CERTIFICATE-----\n");

        assertThat(openssl(dir, "verify", "-CAfile", "cert.pem", "cert.pem")).contains("cert.pem: OK");
        assertThat(openssl(dir, "x509", "-in", "cert.pem", "-noout", "-text"))
                .contains("Public-Key: (3072 bit)", "DNS:verify.example.com", "email:pki@example.com", "IP Address:10.1.2.3", "sha256WithRSAEncryption");
    }

    @Test
    void tagsFollowKeyVaultsLimits() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            tooMany.put("t" + i, "v");
        }
        given().contentType(ContentType.JSON).body(Map.of("policy", Map.of("x509_props", Map.of("subject", "CN=t")), "tags", tooMany))
                .post("/vaults/{v}/certificates/tagged/create", vault).then()
                .statusCode(400).body("error.message", containsString("at most 15 tags"));
        given().get("/vaults/{v}/certificates/tagged", vault).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("policy", Map.of("x509_props", Map.of("subject", "CN=t")), "tags", Map.of("k", "v".repeat(257))))
                .post("/vaults/{v}/certificates/tagged/create", vault).then()
                .statusCode(400).body("error.message", is("tag 'k' needs a value of at most 256 characters"));
    }

    private void create(String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private String publicKey(String name) {
        return given().get("/vaults/{v}/keys/{n}", vault, name).then().statusCode(200).extract().path("key.x");
    }

    private static String openssl(Path dir, String... arguments) throws Exception {
        var command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
