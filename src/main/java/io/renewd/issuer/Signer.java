package io.renewd.issuer;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA that signs for a {@code ca} issuer: its current certificate (checked usable when the
 * attempt was prepared: enabled, not expired, keyCertSign), the chain above it, and its private key.
 * Never log it.
 */
public record Signer(X509Certificate certificate, List<X509Certificate> chain, PrivateKey key) {

    public Signer {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "Signer[" + certificate.getSubjectX500Principal() + "]";
    }
}
