package io.renewd.application.certificates;

import io.renewd.domain.X509Properties;
import io.renewd.pki.CertificateTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The certificate a policy asks for, valid from {@code now}. */
public final class Templates {

    private Templates() {
    }

    public static CertificateTemplate of(X509Properties x509, Instant now) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        return new CertificateTemplate(x509.subject(), x509.sans(), x509.keyUsage(), x509.ekus(), notBefore,
                x509.validity().notAfter(notBefore), x509.isCertificateAuthority(), null);
    }
}
