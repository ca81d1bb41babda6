package io.renewd.application.certificates;

import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Brings a soft-deleted certificate back, with all its versions. */
@ApplicationScoped
public class RecoverCertificate {

    private final CertificateQueries queries;

    RecoverCertificate(CertificateQueries queries) {
        this.queries = queries;
    }

    @Transactional
    public CertificateView execute(String vault, String name) {
        queries.deleted(vault, name);
        CertificateEntity certificate = CertificateEntity.findByName(vault, name).orElseThrow();
        certificate.deletedAt = null;
        certificate.scheduledPurgeAt = null;
        return queries.view(queries.vaultOf(vault), certificate);
    }
}
