package io.renewd.application.certificates;

import io.renewd.domain.CertificatePolicy;
import io.renewd.pki.KeyPairs;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * The key of a certificate's next version: its current key when the policy says reuse_key, else a new one.
 * A reused key stays non-exportable if it is: {@code exportable: false} belongs to the key, not to a policy.
 */
@ApplicationScoped
public class KeyPairSource {

    /** A key for the next version, and whether that version may export it. */
    public record NextKey(KeyPair pair, boolean exportable) {
    }

    private final SealedStorage sealedStorage;

    KeyPairSource(SealedStorage sealedStorage) {
        this.sealedStorage = sealedStorage;
    }

    public NextKey forNextVersion(CertificateEntity certificate, CertificatePolicy policy) {
        if (policy.key().reuseKey()) {
            Optional<CertificateVersionEntity> current = CertificateVersionEntity.latest(certificate.id);
            // The current key is reused only if it still is what the policy asks for.
            Optional<KeyPair> reusable = current.map(v -> keyPairOf(certificate, v))
                    .filter(pair -> KeyPairs.describe(pair.getPublic()).equals(policy.key().spec()));
            if (reusable.isPresent()) {
                return new NextKey(reusable.get(), policy.key().exportable()
                        && !CertificateVersionEntity.keyIsNonExportable(certificate.id, reusable.get().getPublic().getEncoded()));
            }
        }
        return new NextKey(KeyPairs.generate(policy.key().spec()), policy.key().exportable());
    }

    public KeyPair keyPairOf(CertificateEntity certificate, CertificateVersionEntity version) {
        byte[] pkcs8 = sealedStorage.open(version.privateKeySealed,
                SealedStorage.privateKeyContext(certificate.vault, certificate.name, version.version));
        return decode(version.publicKey, pkcs8);
    }

    static KeyPair decode(byte[] publicKeyDer, byte[] pkcs8) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                var factory = KeyFactory.getInstance(algorithm);
                return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicKeyDer)),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalStateException("a stored key is neither RSA nor EC");
    }
}
