package io.renewd.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * A certificate with the rest of its chain (ordered leaf to root, without the leaf) and its private key, which is
 * null when the source had none.
 */
public record CertificateBundle(X509Certificate leaf, List<X509Certificate> chain, PrivateKey key) {

    public CertificateBundle {
        if (leaf == null) {
            throw new IllegalArgumentException("a bundle needs a leaf certificate");
        }
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** Leaf first, then the chain: the order PEM files and PKCS#12 chains use. */
    public List<X509Certificate> certificates() {
        return Stream.concat(Stream.of(leaf), chain.stream()).toList();
    }

    /** Orders certificates into a chain and checks that the key, when given, belongs to its leaf. */
    static CertificateBundle assemble(List<X509Certificate> certificates, PrivateKey key) {
        List<X509Certificate> ordered = ChainOrder.order(certificates);
        X509Certificate leaf = ordered.get(0);
        if (key != null) {
            KeyPairs.describe(leaf.getPublicKey());
            if (!KeyPairs.matches(leaf.getPublicKey(), key)) {
                throw new PkiInputException(PkiInputException.Reason.KEY_MISMATCH,
                        "the private key does not belong to certificate " + Inputs.nameOf(leaf));
            }
        }
        return new CertificateBundle(leaf, ordered.subList(1, ordered.size()), key);
    }
}
