package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;

/** Issues X.509 v3 certificates from a {@link CertificateTemplate}: self-signed, or signed by a CA certificate and its key. */
public final class CertificateIssuance {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_CERT_SIGN = 5;

    private CertificateIssuance() {
    }

    public static X509Certificate selfSigned(KeyPair keyPair, CertificateTemplate template) {
        X500Principal subject = template.subjectPrincipal();
        if (subject.getName().isEmpty()) {
            throw Inputs.malformed("a self-signed certificate needs a subject: it is also the issuer name");
        }
        KeyPairs.describe(keyPair.getPublic());
        byte[] keyId = keyIdentifier(keyPair.getPublic());
        return issue(subject, keyPair.getPublic(), template, subject, keyPair.getPrivate(), keyId);
    }

    /**
     * A certificate for {@code subjectKey} signed by a CA whose certificate allows signing certificates, within the
     * CA's own path length and name constraints.
     */
    public static X509Certificate signedBy(PublicKey subjectKey, CertificateTemplate template, X509Certificate issuerCertificate, PrivateKey issuerKey) {
        return signedBy(subjectKey, template, new CaKey(issuerCertificate, issuerKey));
    }

    /** The same, for a CA whose key was paired with its certificate once for many signatures. */
    public static X509Certificate signedBy(PublicKey subjectKey, CertificateTemplate template, CaKey ca) {
        X509Certificate issuerCertificate = ca.certificate();
        requireCanSign(issuerCertificate, template);
        KeyPairs.describe(subjectKey);
        return issue(template.subjectPrincipal(), subjectKey, template, issuerCertificate.getSubjectX500Principal(), ca.key(),
                authorityKeyIdentifier(issuerCertificate));
    }

    private static X509Certificate issue(X500Principal subject, PublicKey subjectKey, CertificateTemplate template,
                                         X500Principal issuer, PrivateKey signingKey, byte[] authorityKeyId) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(template.notBefore()), Date.from(template.notAfter()), subject, subjectKey);
        try {
            for (Extension extension : X509ExtensionCodec.forTemplate(template)) {
                builder.addExtension(extension);
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectKey)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
        } catch (CertIOException e) {
            throw new IllegalStateException("encoding the extensions failed", e);
        }
        try {
            return Certificates.fromDer(builder.build(SignatureAlgorithms.signer(signingKey)).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding the new certificate failed", e);
        }
    }

    private static void requireCanSign(X509Certificate issuer, CertificateTemplate template) {
        String name = Inputs.nameOf(issuer);
        int issuerPathLength = issuer.getBasicConstraints();
        if (issuerPathLength < 0) {
            throw new PkiInputException(Reason.NOT_A_CA, "certificate " + name + " is not a CA certificate (basic constraints do not say cA)");
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage == null || usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN]) {
            throw new PkiInputException(Reason.NOT_A_CA, "certificate " + name + " may not sign certificates (its key usage lacks keyCertSign)");
        }
        if (template.ca() && issuerPathLength == 0) {
            throw new PkiInputException(Reason.NOT_A_CA, "certificate " + name + " has path length 0: it may not sign CA certificates");
        }
        // RFC 5280 4.2.1.9: a CA below one with a path length must be bounded too, and more tightly.
        boolean bounded = issuerPathLength != Integer.MAX_VALUE;
        if (template.ca() && bounded && (template.pathLength() == null || template.pathLength() >= issuerPathLength)) {
            throw new PkiInputException(Reason.NOT_A_CA, "certificate " + name + " has path length " + issuerPathLength
                    + ": a CA below it may have at most " + (issuerPathLength - 1));
        }
        NameConstraintCheck.require(issuer, template);
    }

    /** RFC 5280 wants the AKI to equal the issuer's SKI; compute it from the issuer's key when the issuer has none. */
    private static byte[] authorityKeyIdentifier(X509Certificate issuer) {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return keyIdentifier(issuer.getPublicKey());
        }
        return Inputs.parse("the issuer's subject key identifier", () -> ASN1OctetString.getInstance(
                ASN1OctetString.getInstance(extension).getOctets()).getOctets());
    }

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subject public key bits. */
    private static byte[] keyIdentifier(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key).getKeyIdentifier();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** A positive 128-bit serial: 127 random bits under a set top bit, so every serial has the same length. */
    private static BigInteger serialNumber() {
        return new BigInteger(128, RANDOM).setBit(127);
    }
}
