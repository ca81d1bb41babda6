package io.renewd.application.certificates;

import io.renewd.domain.SecretContentType;

/** The value of a certificate's addressable secret, and whether it carries the private key. */
public record SecretContent(CertificateView certificate, VersionView version, SecretContentType contentType, String value,
                            boolean includesPrivateKey) {

    @Override
    public String toString() {
        return "SecretContent[" + certificate.name() + "/" + version.version() + ", " + contentType + "]";
    }
}
