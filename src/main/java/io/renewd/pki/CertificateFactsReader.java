package io.renewd.pki;

import io.renewd.domain.CertificateFacts;
import io.renewd.domain.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

import java.security.cert.X509Certificate;

/** Reads {@link CertificateFacts} off a certificate: what an imported certificate's policy is derived from. */
public final class CertificateFactsReader {

    private CertificateFactsReader() {
    }

    /** Whether a certificate may sign others: a CA (basic constraints) with keyCertSign. */
    public static boolean maySignCertificates(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0 && read(certificate).keyUsage().contains(KeyUsage.KEY_CERT_SIGN);
    }

    public static CertificateFacts read(X509Certificate certificate) {
        return Inputs.parse("certificate", () -> {
            var extensions = new JcaX509CertificateHolder(certificate).getExtensions();
            return new CertificateFacts(certificate.getSubjectX500Principal().getName(),
                    X509ExtensionCodec.sans(extensions), X509ExtensionCodec.keyUsage(extensions), X509ExtensionCodec.ekus(extensions),
                    KeyPairs.describe(certificate.getPublicKey()),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        });
    }
}
