package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.PkiInputException.Reason;
import io.renewd.pki.TestPki.Chain;
import io.renewd.pki.TestPki.Issued;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.P384;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CertificateIssuanceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> signatureAlgorithms() {
        return Stream.of(
                arguments(RSA, "SHA256withRSA"),
                arguments(new KeySpec.Rsa(3072), "SHA256withRSA"),
                arguments(P256, "SHA256withECDSA"),
                arguments(P384, "SHA384withECDSA"),
                arguments(new KeySpec.Ec(Curve.P_521), "SHA512withECDSA"));
    }

    @ParameterizedTest(name = "{0} signs with {1}")
    @MethodSource("signatureAlgorithms")
    void selfSignedCertificateHasTheRequestedContent(KeySpec spec, String signatureAlgorithm) throws Exception {
        KeyPair keys = KeyPairs.generate(spec);
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate("CN=web.example.com,OU=Platform,O=Acme,C=DE", TestPki.sans(),
                Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT), List.of(TestPki.SERVER_AUTH),
                notBefore, notBefore.plus(Duration.ofDays(30)), false, null);

        X509Certificate certificate = CertificateIssuance.selfSigned(keys, template);

        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualTo(signatureAlgorithm);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=web.example.com,OU=Platform,O=Acme,C=DE");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notBefore.plus(Duration.ofDays(30)));
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isEqualTo(128);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(certificate.getNonCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId(),
                Extension.extendedKeyUsage.getId(), Extension.subjectKeyIdentifier.getId(), Extension.authorityKeyIdentifier.getId());
        assertThat(certificate.getKeyUsage()).startsWith(true, false, true, false, false, false, false, false, false);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(TestPki.SERVER_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> name.get(0) + "=" + name.get(1)).contains(
                "2=web.example.com", "2=api.example.com", "1=ops@example.com", "7=10.0.0.7", "7=2001:db8:0:0:0:0:0:1");
        assertThat(X509ExtensionCodec.sans(new X509CertificateHolder(certificate.getEncoded()).getExtensions()).upns())
                .containsExactly("svc@corp.example.com");
        certificate.verify(keys.getPublic());
        assertThat(keyIdentifier(certificate, Extension.authorityKeyIdentifier)).isEqualTo(keyIdentifier(certificate, Extension.subjectKeyIdentifier));

        Path file = TestPki.write(dir, "cert.pem", PemCodec.writeCertificates(List.of(certificate)));
        String text = OpenSsl.ok(dir, "x509", "-in", file.toString(), "-noout", "-text");
        assertThat(text).contains("DNS:web.example.com", "email:ops@example.com", "IP Address:10.0.0.7", "IP Address:2001:DB8:0:0:0:0:0:1",
                "UPN:", "svc@corp.example.com", "TLS Web Server Authentication", "Digital Signature, Key Encipherment", "CA:FALSE");
        OpenSsl.ok(dir, "verify", "-CAfile", file.toString(), file.toString());
    }

    @Test
    void threeLevelChainIsAcceptedByOpensslAndJava() throws Exception {
        Chain chain = TestPki.chain(RSA, P384, P256);
        Path root = TestPki.write(dir, "root.pem", PemCodec.writeCertificates(List.of(chain.root().certificate())));
        Path intermediate = TestPki.write(dir, "inter.pem", PemCodec.writeCertificates(List.of(chain.intermediate().certificate())));
        Path leaf = TestPki.write(dir, "leaf.pem", PemCodec.writeCertificates(List.of(chain.leaf().certificate())));

        assertThat(OpenSsl.ok(dir, "verify", "-CAfile", root.toString(), "-untrusted", intermediate.toString(), leaf.toString())).contains("OK");
        assertThat(OpenSsl.ok(dir, "x509", "-in", intermediate.toString(), "-noout", "-text"))
                .contains("CA:TRUE, pathlen:0", "Certificate Sign, CRL Sign", "sha256WithRSAEncryption");

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate reparsedLeaf = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(chain.leaf().certificate().getEncoded()));
        reparsedLeaf.verify(chain.intermediate().keys().getPublic());
        chain.intermediate().certificate().verify(chain.root().keys().getPublic());
        assertThat(reparsedLeaf.getIssuerX500Principal()).isEqualTo(chain.intermediate().certificate().getSubjectX500Principal());
        assertThat(reparsedLeaf.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(chain.intermediate().certificate().getBasicConstraints()).isZero();
        assertThat(keyIdentifier(reparsedLeaf, Extension.authorityKeyIdentifier))
                .isEqualTo(keyIdentifier(chain.intermediate().certificate(), Extension.subjectKeyIdentifier));
    }

    @Test
    void sansAreCriticalWhenTheSubjectIsEmpty() {
        Issued root = TestPki.root(P256);
        var template = TestPki.leafTemplate("", new SubjectAlternativeNames(List.of("only.example.com"), null, null, null));

        X509Certificate certificate = TestPki.issue(root, P256, template).certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEmpty();
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
    }

    @Test
    void refusesIssuersThatMayNotSign() {
        Issued root = TestPki.root(P256);
        Issued leaf = TestPki.issue(root, P256, TestPki.leafTemplate("CN=leaf", SubjectAlternativeNames.NONE));
        var caWithoutCertSign = new CertificateTemplate("CN=No Sign", null, Set.of(KeyUsage.CRL_SIGN), null,
                Instant.now(), Instant.now().plus(Duration.ofDays(1)), true, null);
        Issued noCertSign = TestPki.issue(root, P256, caWithoutCertSign);
        Issued pathLengthZero = TestPki.issue(root, P256, TestPki.caTemplate("CN=Inter", 0));
        KeyPair subject = KeyPairs.generate(P256);
        var leafTemplate = TestPki.leafTemplate("CN=x", SubjectAlternativeNames.NONE);

        assertThatThrownBy(() -> CertificateIssuance.signedBy(subject.getPublic(), leafTemplate, leaf.certificate(), leaf.keys().getPrivate()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA))
                .hasMessageContaining("'CN=leaf' is not a CA certificate");
        assertThatThrownBy(() -> CertificateIssuance.signedBy(subject.getPublic(), leafTemplate, noCertSign.certificate(), noCertSign.keys().getPrivate()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA))
                .hasMessageContaining("lacks keyCertSign");
        assertThatThrownBy(() -> CertificateIssuance.signedBy(subject.getPublic(), TestPki.caTemplate("CN=Below", null),
                pathLengthZero.certificate(), pathLengthZero.keys().getPrivate()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA))
                .hasMessageContaining("path length 0");
        assertThatThrownBy(() -> CertificateIssuance.signedBy(subject.getPublic(), leafTemplate, root.certificate(), subject.getPrivate()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MISMATCH));
    }

    @Test
    void aCaKeyIsPairedWhenMadeAndItsCertificateStillCheckedAtEverySignature() throws Exception {
        Issued root = TestPki.root(P256);
        Issued leaf = TestPki.issue(root, P256, TestPki.leafTemplate("CN=leaf", SubjectAlternativeNames.NONE));
        var leafTemplate = TestPki.leafTemplate("CN=x", SubjectAlternativeNames.NONE);

        assertThatThrownBy(() -> new CaKey(root.certificate(), KeyPairs.generate(P256).getPrivate()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MISMATCH))
                .hasMessageContaining("does not belong to its certificate");
        CaKey ca = new CaKey(root.certificate(), root.keys().getPrivate());
        for (int i = 0; i < 3; i++) {
            CertificateIssuance.signedBy(KeyPairs.generate(P256).getPublic(), leafTemplate, ca).verify(root.certificate().getPublicKey());
        }
        CaKey notACa = new CaKey(leaf.certificate(), leaf.keys().getPrivate());
        assertThatThrownBy(() -> CertificateIssuance.signedBy(KeyPairs.generate(P256).getPublic(), leafTemplate, notACa))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA));
    }

    static Stream<Arguments> invalidTemplates() {
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofDays(1));
        var badIp = new SubjectAlternativeNames(null, null, null, List.of("300.1.1.1"));
        var nonAsciiDns = new SubjectAlternativeNames(List.of("bücher.example"), null, null, null);
        return Stream.of(
                arguments("not a DN", template(() -> new CertificateTemplate("just text", null, null, null, now, later, false, null)),
                        "is not a distinguished name"),
                arguments("no names at all", template(() -> new CertificateTemplate("", null, null, null, now, later, false, null)),
                        "needs a subject or a subject alternative name"),
                arguments("EKU not an OID", template(() -> new CertificateTemplate("CN=a", null, null, List.of("serverAuth"), now, later, false, null)),
                        "'serverAuth' is not an object identifier"),
                arguments("bad IP", template(() -> new CertificateTemplate("CN=a", badIp, null, null, now, later, false, null)),
                        "'300.1.1.1' is not an IPv4 or IPv6 address"),
                arguments("non-ASCII DNS name", template(() -> new CertificateTemplate("CN=a", nonAsciiDns, null, null, now, later, false, null)),
                        "cannot carry"),
                arguments("validity reversed", template(() -> new CertificateTemplate("CN=a", null, null, null, later, now, false, null)),
                        "notBefore before notAfter"),
                arguments("path length on a leaf", template(() -> new CertificateTemplate("CN=a", null, null, null, now, later, false, 1)),
                        "only for CA certificates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTemplates")
    void templateRefusesWhatCannotBecomeACertificate(String name, ThrowingCallable makeTemplate, String message) {
        assertThatThrownBy(makeTemplate)
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining(message);
    }

    @Test
    void acceptsTheEmailKeywordKeyVaultUsersWrite() {
        var template = TestPki.leafTemplate("CN=web,E=ops@example.com", SubjectAlternativeNames.NONE);

        X509Certificate certificate = CertificateIssuance.selfSigned(KeyPairs.generate(P256), template);

        assertThat(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, Map.of("1.2.840.113549.1.9.1", "EMAILADDRESS")))
                .isEqualTo("CN=web,EMAILADDRESS=ops@example.com");
        assertThat(certificate.getSerialNumber()).isNotEqualTo(CertificateIssuance.selfSigned(KeyPairs.generate(P256), template).getSerialNumber())
                .isGreaterThan(BigInteger.ZERO);
    }

    private static ThrowingCallable template(ThrowingCallable makeTemplate) {
        return makeTemplate;
    }

    private static byte[] keyIdentifier(X509Certificate certificate, ASN1ObjectIdentifier extension) {
        byte[] value = ASN1OctetString.getInstance(certificate.getExtensionValue(extension.getId())).getOctets();
        return extension.equals(Extension.authorityKeyIdentifier) ? AuthorityKeyIdentifier.getInstance(value).getKeyIdentifierOctets()
                : ASN1OctetString.getInstance(value).getOctets();
    }
}
