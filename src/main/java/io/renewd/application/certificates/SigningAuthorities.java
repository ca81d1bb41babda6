package io.renewd.application.certificates;

import io.renewd.issuer.Signer;
import io.renewd.pki.CaKey;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.pki.PkiInputException;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.Certificates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.cert.X509Certificate;
import java.time.Clock;

/** A vault's CA certificate, with its key, for the internal-CA issuer: read when the renewer prepares an attempt. */
@ApplicationScoped
public class SigningAuthorities {

    /** The CA certificate cannot sign now; the message says why and what to do. */
    public static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    private final KeyPairSource keys;
    private final Clock clock;

    SigningAuthorities(KeyPairSource keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Transactional
    public Signer current(String vault, String name) {
        CertificateEntity certificate = CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted())
                .orElseThrow(() -> new Unusable("CA certificate '" + name + "' does not exist in vault '" + vault + "'"));
        CertificateVersionEntity version = CertificateVersionEntity.latest(certificate.id)
                .orElseThrow(() -> new Unusable("CA certificate '" + name + "' has no version yet"));
        X509Certificate ca = Certificates.fromDer(version.der);
        if (!version.enabled) {
            throw new Unusable("CA certificate '" + name + "' is disabled");
        }
        if (!CertificateFactsReader.maySignCertificates(ca)) {
            throw new Unusable("certificate '" + name + "' is not a CA certificate with keyCertSign");
        }
        if (!version.notAfter.isAfter(clock.instant())) {
            throw new Unusable("CA certificate '" + name + "' expired at " + version.notAfter);
        }
        CaKey paired;
        try {
            paired = new CaKey(ca, keys.keyPairOf(certificate, version).getPrivate());
        } catch (PkiInputException e) {
            throw new Unusable("CA certificate '" + name + "': " + e.getMessage());
        }
        return new Signer(paired, Certificates.fromConcatenatedDer(version.chain));
    }
}
