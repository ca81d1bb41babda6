package io.renewd.pki;

import io.renewd.domain.KeySpec;
import io.renewd.pki.PkiInputException.Reason;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The checks an import or merge makes before accepting a certificate. */
public final class CertificateChecks {

    /** NIST and the CA/Browser Forum retired RSA keys below 2048 bits. */
    private static final int MIN_RSA_BITS = 2048;

    private CertificateChecks() {
    }

    /** Refuses a certificate that is not valid at {@code instant} (its notBefore and notAfter are both inclusive). */
    public static void requireValidAt(X509Certificate certificate, Instant instant) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (instant.isAfter(notAfter)) {
            throw new PkiInputException(Reason.EXPIRED, "certificate " + Inputs.nameOf(certificate) + " expired at " + notAfter);
        }
        if (instant.isBefore(notBefore)) {
            throw new PkiInputException(Reason.NOT_YET_VALID, "certificate " + Inputs.nameOf(certificate) + " is not valid before " + notBefore);
        }
    }

    /** The spec of a key renewd accepts: RSA of 2048 bits or more, or EC on a supported curve. */
    public static KeySpec requireStrongKey(PublicKey key) {
        KeySpec spec = KeyPairs.describe(key);
        if (spec instanceof KeySpec.Rsa rsa && rsa.size() < MIN_RSA_BITS) {
            throw new PkiInputException(Reason.WEAK_KEY, "RSA keys of " + rsa.size() + " bits are too weak; at least " + MIN_RSA_BITS + " are needed");
        }
        return spec;
    }

    /** Refuses a certificate whose public key is not {@code expected} (such as the key of the pending CSR). */
    public static void requireKey(X509Certificate certificate, PublicKey expected) {
        if (!KeyPairs.samePublicKey(certificate.getPublicKey(), expected)) {
            throw new PkiInputException(Reason.KEY_MISMATCH, "the public key of certificate " + Inputs.nameOf(certificate) + " is not the expected key");
        }
    }
}
