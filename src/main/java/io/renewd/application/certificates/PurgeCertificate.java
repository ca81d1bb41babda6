package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Deletes a soft-deleted certificate for good; refused while the vault has purge protection. */
@ApplicationScoped
public class PurgeCertificate {

    private final CertificateQueries queries;

    PurgeCertificate(CertificateQueries queries) {
        this.queries = queries;
    }

    @Transactional
    public void execute(String vault, String name) {
        CertificateView deleted = queries.deleted(vault, name);
        if (deleted.vault().purgeProtection()) {
            throw new Failure(Failure.Kind.FORBIDDEN, "Forbidden", "certificate '" + name + "' cannot be purged: vault '" + vault
                    + "' has purge protection; it will be purged automatically after its retention, on " + deleted.scheduledPurgeAt());
        }
        CertificateEntity.delete("vault = ?1 and name = ?2", vault, deleted.name());
    }
}
