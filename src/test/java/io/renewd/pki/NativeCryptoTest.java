package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NativeCryptoTest {

    private static final String ACCP_PACKAGE = "com.amazon.corretto.crypto.provider.";

    @AfterEach
    void enableAgain() {
        NativeCrypto.enable(true);
    }

    @Test
    void makesKeysWithAwsLcOnThisPlatform() {
        // CI and the container image run on Linux x86-64, where the provider's native library loads: if it stopped
        // loading, renewals would silently cost ten times the CPU.
        assertThat(NativeCrypto.provider()).isPresent();
        assertThat(NativeCrypto.describe()).startsWith("AWS-LC ");
        assertThat(KeyPairs.generate(TestPki.P256).getPrivate().getClass().getName()).startsWith(ACCP_PACKAGE);
    }

    @Test
    void switchedOffTheJdkMakesTheKeys() {
        NativeCrypto.enable(false);

        assertThat(NativeCrypto.provider()).isEmpty();
        assertThat(NativeCrypto.describe()).isEqualTo("the JDK's providers (renewd.pki.native-crypto=false)");
        assertThat(KeyPairs.generate(TestPki.P256).getPrivate().getClass().getName()).doesNotStartWith(ACCP_PACKAGE);
    }

    static Stream<Arguments> specsWithAndWithout() {
        return Stream.of(new KeySpec.Rsa(2048), new KeySpec.Rsa(4096), new KeySpec.Ec(Curve.P_256), new KeySpec.Ec(Curve.P_384),
                        new KeySpec.Ec(Curve.P_521))
                .flatMap(spec -> Stream.of(Arguments.of(spec, true), Arguments.of(spec, false)));
    }

    /** Keys and signatures of either provider are read, verified and paired by the other and by Bouncy Castle. */
    @ParameterizedTest(name = "{0}, native {1}")
    @MethodSource("specsWithAndWithout")
    void keysAndSignaturesOfEitherProviderHoldForTheOther(KeySpec spec, boolean nativeCrypto) throws Exception {
        NativeCrypto.enable(nativeCrypto);
        KeyPair keys = KeyPairs.generate(spec);
        CertificateSigningRequest csr = Csrs.create(keys, TestPki.leafTemplate("CN=web.example.com", TestPki.sans()));
        X509Certificate certificate = CertificateIssuance.selfSigned(keys, TestPki.caTemplate("CN=Native Root", null));
        NativeCrypto.enable(!nativeCrypto);

        assertThat(Csrs.parse(csr.der()).publicKey().getEncoded()).as("the CSR's signature verifies").isEqualTo(keys.getPublic().getEncoded());
        certificate.verify(certificate.getPublicKey());
        certificate.verify(keys.getPublic(), BouncyCastle.provider());
        var reread = PemCodec.readPrivateKey(PemCodec.writePrivateKey(keys.getPrivate()), null);
        assertThat(KeyPairs.matches(certificate.getPublicKey(), reread)).isTrue();
        assertThat(KeyPairs.describe(certificate.getPublicKey())).isEqualTo(spec);
        X509Certificate signedByOther = CertificateIssuance.signedBy(KeyPairs.generate(spec).getPublic(),
                TestPki.leafTemplate("CN=leaf.example.com", TestPki.sans()), certificate, reread);
        signedByOther.verify(certificate.getPublicKey());
    }
}
