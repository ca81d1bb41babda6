package io.renewd.application.crypto;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.pki.NativeCrypto;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code renewd.pki.native-crypto=false} reaches the code that makes keys and signs, and renewd still issues with the JDK. */
@QuarkusTest
@TestProfile(NativeCryptoSetupTest.JdkProviders.class)
class NativeCryptoSetupTest {

    public static class JdkProviders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.pki.native-crypto", "false");
        }
    }

    /** The setting is process-wide: the tests that run after this one in the same JVM expect AWS-LC. */
    @AfterEach
    void enableAgain() {
        NativeCrypto.enable(true);
    }

    @Test
    void switchedOffInTheConfigurationTheJdkMakesKeysAndSignsWhatRenewdIssues() throws Exception {
        // AWS-LC loads on the machines the tests run on (NativeCryptoTest): only the setting can have turned it off.
        assertThat(NativeCrypto.provider()).as("AWS-LC switched off by the setting").isEmpty();
        assertThat(NativeCrypto.describe()).isEqualTo("the JDK's providers (renewd.pki.native-crypto=false)");

        String vault = TestVaults.create();
        given().contentType(ContentType.JSON)
                .body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=jdk-signed\"}}}")
                .post("/vaults/{v}/certificates/jdk-signed/create", vault).then().statusCode(202);
        String cer = given().get("/vaults/{v}/certificates/jdk-signed", vault).then().statusCode(200).extract().path("cer");

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=jdk-signed");
    }
}
