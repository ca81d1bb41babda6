package io.renewd.store;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Decodes certificates renewd stored itself (so a failure is a bug, not bad input). */
public final class Certificates {

    private Certificates() {
    }

    public static X509Certificate fromDer(byte[] der) {
        return fromConcatenatedDer(der).getFirst();
    }

    public static List<X509Certificate> fromConcatenatedDer(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der)).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored certificate cannot be decoded", e);
        }
    }
}
