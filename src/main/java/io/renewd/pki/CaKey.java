package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A CA's certificate with its private key, checked to belong together when made. A CA that signs a thousand leaves is
 * paired once, not per leaf: the check is an EC point multiplication (about 0.2 ms on P-256), more than AWS-LC's whole
 * key generation and signature of a leaf.
 */
public record CaKey(X509Certificate certificate, PrivateKey key) {

    public CaKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (!KeyPairs.matches(certificate.getPublicKey(), key)) {
            throw new PkiInputException(Reason.KEY_MISMATCH, "the issuer's private key does not belong to its certificate "
                    + Inputs.nameOf(certificate));
        }
    }

    @Override
    public String toString() {
        return "CaKey[" + certificate.getSubjectX500Principal() + "]";
    }
}
