package io.renewd.pki;

import io.renewd.domain.SubjectAlternativeNames;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signer's own RFC 5280 constraints bind what it signs: its name constraints (permitted and
 * excluded subtrees) and its path length. A name outside them is refused before anything is signed.
 */
class SignerConstraintsTest {

    /** Permitted: DNS corp.example, IP 10.0.0.0/8, email @corp.example, O=Corp; excluded: DNS secret.corp.example. */
    private static final TestPki.Issued CONSTRAINED = constrainedCa();

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("CN=web,O=Corp", dns("web.corp.example"), null),
                Arguments.of("CN=web,O=Corp", dns("corp.example"), null),
                Arguments.of("CN=web,O=Corp", dns("www.other.example"), "www.other.example"),
                Arguments.of("CN=web,O=Corp", dns("a.secret.corp.example"), "a.secret.corp.example"),
                Arguments.of("CN=web,O=Corp", new SubjectAlternativeNames(null, null, null, List.of("10.1.2.3")), null),
                Arguments.of("CN=web,O=Corp", new SubjectAlternativeNames(null, null, null, List.of("192.168.1.1")), "192.168.1.1"),
                Arguments.of("CN=web,O=Corp", new SubjectAlternativeNames(null, List.of("ops@corp.example"), null, null), null),
                Arguments.of("CN=web,O=Corp", new SubjectAlternativeNames(null, List.of("ops@evil.example"), null, null), "ops@evil.example"),
                Arguments.of("CN=web,O=Evil", dns("web.corp.example"), "O=Evil"));
    }

    @ParameterizedTest(name = "{0} {1}: refused for {2}")
    @MethodSource("names")
    void nameConstraintsOfTheSignerAreEnforced(String subject, SubjectAlternativeNames sans, String refusedName) {
        var template = TestPki.leafTemplate(subject, sans);
        KeyPair keys = KeyPairs.generate(TestPki.P256);
        if (refusedName == null) {
            X509Certificate issued = CertificateIssuance.signedBy(keys.getPublic(), template, CONSTRAINED.certificate(), CONSTRAINED.keys().getPrivate());
            assertThat(issued.getIssuerX500Principal()).isEqualTo(CONSTRAINED.certificate().getSubjectX500Principal());
        } else {
            assertThatThrownBy(() -> CertificateIssuance.signedBy(keys.getPublic(), template, CONSTRAINED.certificate(), CONSTRAINED.keys().getPrivate()))
                    .isInstanceOfSatisfying(PkiInputException.class, e -> {
                        assertThat(e.reason()).isEqualTo(PkiInputException.Reason.OUTSIDE_NAME_CONSTRAINTS);
                        assertThat(e.getMessage()).contains(refusedName, "name constraints", "CN=Constrained CA");
                    });
        }
    }

    @Test
    void aSignerWithPathLengthZeroNeverSignsACaAndAPathLengthMustShrink() {
        TestPki.Issued root = TestPki.root(TestPki.P256);
        TestPki.Issued one = TestPki.issue(root, TestPki.P256, TestPki.caTemplate("CN=One", 1));
        TestPki.Issued zero = TestPki.issue(one, TestPki.P256, TestPki.caTemplate("CN=Zero", 0));
        assertThat(zero.certificate().getBasicConstraints()).isZero();
        KeyPair keys = KeyPairs.generate(TestPki.P256);
        assertThatThrownBy(() -> CertificateIssuance.signedBy(keys.getPublic(), TestPki.caTemplate("CN=Below", 0), zero.certificate(),
                zero.keys().getPrivate())).hasMessageContaining("path length 0");
        assertThatThrownBy(() -> CertificateIssuance.signedBy(keys.getPublic(), TestPki.caTemplate("CN=Below", 1), one.certificate(),
                one.keys().getPrivate())).hasMessageContaining("at most 0");
        // A CA template without a path length under a constrained signer gets none wider than the signer allows.
        assertThatThrownBy(() -> CertificateIssuance.signedBy(keys.getPublic(), TestPki.caTemplate("CN=Below", null), one.certificate(),
                one.keys().getPrivate())).hasMessageContaining("at most 0");
    }

    private static SubjectAlternativeNames dns(String name) {
        return new SubjectAlternativeNames(List.of(name), null, null, null);
    }

    private static TestPki.Issued constrainedCa() {
        try {
            KeyPair keys = KeyPairs.generate(TestPki.P256);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X500Name subject = new X500Name("CN=Constrained CA,O=Corp");
            var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            GeneralSubtree[] permitted = {
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "corp.example")),
                    new GeneralSubtree(new GeneralName(GeneralName.iPAddress, "10.0.0.0/8")),
                    new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, "corp.example")),
                    new GeneralSubtree(new GeneralName(new X500Name("O=Corp")))};
            GeneralSubtree[] excluded = {new GeneralSubtree(new GeneralName(GeneralName.dNSName, "secret.corp.example"))};
            builder.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded));
            X509Certificate certificate = Certificates.fromDer(builder.build(SignatureAlgorithms.signer(keys.getPrivate())).getEncoded());
            return new TestPki.Issued(keys, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
