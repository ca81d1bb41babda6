package io.renewd.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/** DER to JDK certificate objects and back; every certificate renewd hands out is the JDK's own class. */
final class Certificates {

    private Certificates() {
    }

    static X509Certificate fromDer(byte[] der) {
        return Inputs.parse("a certificate", () -> {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            // The factory stops after the first certificate; trailing bytes mean the input was not one certificate.
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw Inputs.malformed("a certificate has trailing or non-DER bytes");
            }
            return certificate;
        });
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw Inputs.malformed("a certificate cannot be encoded", e);
        }
    }
}
