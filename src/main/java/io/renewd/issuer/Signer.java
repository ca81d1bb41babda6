package io.renewd.issuer;

import io.renewd.pki.CaKey;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA that signs for a {@code ca} issuer: its current certificate with its private key (paired once, checked usable when
 * the attempt was prepared: enabled, not expired, keyCertSign) and the chain above it. Never log it.
 */
public record Signer(CaKey ca, List<X509Certificate> chain) {

    public Signer {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    @Override
    public String toString() {
        return "Signer[" + ca.certificate().getSubjectX500Principal() + "]";
    }
}
