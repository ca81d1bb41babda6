package io.renewd.application.certificates;

import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Brings a soft-deleted certificate back, with all its versions. */
@ApplicationScoped
public class RecoverCertificate {

    private final CertificateQueries queries;
    private final ScheduleDueActions schedule;

    RecoverCertificate(CertificateQueries queries, ScheduleDueActions schedule) {
        this.queries = queries;
        this.schedule = schedule;
    }

    @Transactional
    public CertificateView execute(String vault, String name) {
        queries.deleted(vault, name);
        CertificateEntity certificate = CertificateEntity.findByName(vault, name).orElseThrow();
        certificate.deletedAt = null;
        certificate.scheduledPurgeAt = null;
        schedule.reschedule(certificate);
        return queries.view(queries.vaultOf(vault), certificate);
    }
}
