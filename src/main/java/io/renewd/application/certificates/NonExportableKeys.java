package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Key Vault's rule that a key's {@code exportable: false} cannot be changed: a policy that would
 * reuse a non-exportable key (reuse_key) while saying exportable is refused, so no policy claims
 * what the key will never be. (Versions that reuse such a key stay non-exportable in any case:
 * {@link VersionWriter}.)
 */
@ApplicationScoped
public class NonExportableKeys {

    /** Refuses {@code policy} for {@code certificate} when it asks to reuse, as exportable, a key that is not. */
    public void requirePolicyFits(CertificateEntity certificate, CertificatePolicy policy) {
        if (policy.key().exportable() && policy.key().reuseKey() && currentKeyIsNonExportable(certificate)) {
            throw conflict(certificate.name, "its current key");
        }
    }

    /** Refuses an import's policy that asks to reuse, as exportable, the imported key when the certificate holds that key non-exportable. */
    public void requireImportFits(Optional<CertificateEntity> certificate, byte[] importedPublicKey, CertificatePolicy policy) {
        if (certificate.isPresent() && policy.key().exportable() && policy.key().reuseKey()
                && CertificateVersionEntity.keyIsNonExportable(certificate.get().id, importedPublicKey)) {
            throw conflict(certificate.get().name, "the imported key, which it already holds");
        }
    }

    /** The key the next version would reuse: the current version's, or the one a pending operation waits with. */
    private static boolean currentKeyIsNonExportable(CertificateEntity certificate) {
        boolean current = CertificateVersionEntity.latest(certificate.id)
                .map(v -> CertificateVersionEntity.keyIsNonExportable(certificate.id, v.publicKey)).orElse(false);
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        return current || operation != null && operation.status() == OperationStatus.IN_PROGRESS && !operation.keyExportable;
    }

    private static Failure conflict(String name, String whichKey) {
        return Failure.badParameter("the policy of certificate '" + name + "' asks for key_props exportable: true with reuse_key: true, "
                + "but " + whichKey + " is not exportable, and a key's exportable: false cannot be changed: keep exportable: false, "
                + "or set reuse_key: false so the next version gets a new, exportable key");
    }
}
