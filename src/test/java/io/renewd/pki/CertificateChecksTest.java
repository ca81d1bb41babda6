package io.renewd.pki;

import io.renewd.domain.KeySpec;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.PkiInputException.Reason;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static io.renewd.pki.PemCodecTest.assertReason;
import static io.renewd.pki.TestPki.P256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CertificateChecksTest {

    @Test
    void certificateIsValidFromNotBeforeToNotAfterInclusive() {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(Duration.ofDays(10));
        KeyPair keys = KeyPairs.generate(P256);
        X509Certificate certificate = CertificateIssuance.selfSigned(keys, new CertificateTemplate("CN=dates", null, Set.of(), List.of(),
                notBefore, notAfter, false, null));

        assertThatCode(() -> CertificateChecks.requireValidAt(certificate, notBefore)).doesNotThrowAnyException();
        assertThatCode(() -> CertificateChecks.requireValidAt(certificate, notAfter)).doesNotThrowAnyException();
        assertReason(() -> CertificateChecks.requireValidAt(certificate, notAfter.plusSeconds(1)), Reason.EXPIRED,
                "certificate 'CN=dates' expired at " + notAfter);
        assertReason(() -> CertificateChecks.requireValidAt(certificate, notBefore.minusSeconds(1)), Reason.NOT_YET_VALID,
                "is not valid before " + notBefore);
    }

    @Test
    void refusesRsaKeysBelow2048Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        X509Certificate certificate = CertificateIssuance.selfSigned(weak, TestPki.leafTemplate("CN=weak", SubjectAlternativeNames.NONE));

        assertReason(() -> CertificateChecks.requireStrongKey(certificate.getPublicKey()), Reason.WEAK_KEY,
                "RSA keys of 1024 bits are too weak; at least 2048 are needed");
        assertThat(CertificateChecks.requireStrongKey(KeyPairs.generate(TestPki.RSA).getPublic())).isEqualTo(new KeySpec.Rsa(2048));
        assertThat(CertificateChecks.requireStrongKey(KeyPairs.generate(P256).getPublic())).isEqualTo(P256);
    }

    @Test
    void comparesTheCertificateKeyWithTheExpectedOne() {
        var template = TestPki.leafTemplate("CN=merge", SubjectAlternativeNames.NONE);
        CertificateSigningRequest csr = Csrs.create(KeyPairs.generate(P256), template);
        TestPki.Issued root = TestPki.root(P256);
        X509Certificate matching = CertificateIssuance.signedBy(csr.publicKey(), template, root.certificate(), root.keys().getPrivate());
        X509Certificate other = TestPki.issue(root, P256, template).certificate();

        assertThatCode(() -> CertificateChecks.requireKey(matching, csr.publicKey())).doesNotThrowAnyException();
        assertReason(() -> CertificateChecks.requireKey(other, csr.publicKey()), Reason.KEY_MISMATCH, "is not the expected key");
    }
}
