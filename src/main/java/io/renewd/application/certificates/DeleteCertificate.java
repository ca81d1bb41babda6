package io.renewd.application.certificates;

import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.Vault;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Soft-deletes a certificate with all its versions: it keeps its name and can be recovered
 * until the vault's retention has passed, then it is purged. A pending operation is cancelled.
 */
@ApplicationScoped
public class DeleteCertificate {

    private final CertificateQueries queries;
    private final ScheduleDueActions schedule;
    private final FinishBulkReissue bulks;
    private final Clock clock;

    DeleteCertificate(CertificateQueries queries, ScheduleDueActions schedule, FinishBulkReissue bulks, Clock clock) {
        this.queries = queries;
        this.schedule = schedule;
        this.bulks = bulks;
        this.clock = clock;
    }

    @Transactional
    public CertificateView execute(String vault, String name) {
        CertificateEntity certificate = queries.live(vault, name);
        Vault v = queries.vaultOf(vault);
        Instant now = clock.instant();
        certificate.deletedAt = now;
        certificate.scheduledPurgeAt = now.plus(Duration.ofDays(v.softDeleteRetentionDays()));
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        if (operation != null && operation.status() == OperationStatus.IN_PROGRESS) {
            operation.cancellationRequested = true;
            operation.status(OperationStatus.CANCELLED);
            operation.statusDetails = "the certificate was deleted";
            operation.updatedAt = now;
            bulks.afterOperationEnded(operation.bulkId);
        }
        schedule.reschedule(certificate);
        return queries.view(v, certificate);
    }
}
