package io.renewd.application.renewal;

import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.application.certificates.VersionWriter;
import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.application.schedule.TrackRenewalInfo;
import io.renewd.config.RenewerConfig;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.VersionCause;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.renewal.RetryBackoff;
import io.renewd.events.AuditTrail;
import io.renewd.events.EventOutbox;
import io.renewd.issuer.IssueResult;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Records what the issuer answered, all or nothing: the new version with its event and the
 * completed operation; or the state to resume from; or the failure, its {@code RenewalFailed}
 * event and the next attempt. Only the renewer holding the operation's lease may record, so
 * one operation never makes two versions.
 */
@ApplicationScoped
public class RecordAttempt {

    /** What was recorded. */
    public enum Outcome { ISSUED, IN_PROGRESS, FAILED, DISCARDED }

    private final VersionWriter versions;
    private final ScheduleDueActions schedule;
    private final TrackRenewalInfo renewalInfo;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final PolicyJson policyJson;
    private final RenewerConfig config;
    private final FinishBulkReissue bulks;
    private final Clock clock;

    RecordAttempt(VersionWriter versions, ScheduleDueActions schedule, TrackRenewalInfo renewalInfo, EventOutbox outbox, AuditTrail audit,
                  PolicyJson policyJson, RenewerConfig config, FinishBulkReissue bulks, Clock clock) {
        this.bulks = bulks;
        this.versions = versions;
        this.schedule = schedule;
        this.renewalInfo = renewalInfo;
        this.outbox = outbox;
        this.audit = audit;
        this.policyJson = policyJson;
        this.config = config;
        this.clock = clock;
    }

    /** What the issuer answered to one prepared attempt. */
    public record Answer(ClaimOperations.Claim claim, PrepareAttempt.Attempt attempt, IssueResult result) {
    }

    @Transactional
    public Outcome execute(ClaimOperations.Claim claim, PrepareAttempt.Attempt attempt, IssueResult result) {
        return executeAll(List.of(new Answer(claim, attempt, result))).getFirst();
    }

    /** Several answers in one transaction, all or nothing; the outcomes in their order. */
    @Transactional
    public List<Outcome> executeAll(List<Answer> answers) {
        List<ScheduleDueActions.Written> written = new ArrayList<>();
        List<Outcome> outcomes = answers.stream().map(answer -> record(answer.claim(), answer.attempt(), answer.result(), written)).toList();
        // The new versions' due actions, all at once.
        schedule.rescheduleWritten(written);
        return outcomes;
    }

    private Outcome record(ClaimOperations.Claim claim, PrepareAttempt.Attempt attempt, IssueResult result, List<ScheduleDueActions.Written> written) {
        CertificateOperationEntity operation = CertificateOperationEntity.findById(claim.certificateId(), LockModeType.PESSIMISTIC_WRITE);
        if (operation == null || !claim.requestId().equals(operation.requestId) || !claim.owner().equals(operation.leaseOwner)
                || operation.status() != OperationStatus.IN_PROGRESS) {
            return Outcome.DISCARDED;
        }
        Instant now = clock.instant();
        operation.leaseOwner = null;
        operation.leaseUntil = null;
        operation.updatedAt = now;
        if (result instanceof IssueResult.Issued issued && !Arrays.equals(issued.leaf().getPublicKey().getEncoded(), operation.publicKey)) {
            result = new IssueResult.Failed("Rejected", "issuer '" + operation.issuerName
                    + "' returned a certificate for another key than the operation's CSR", false, Optional.empty());
        }
        Outcome outcome = switch (result) {
            case IssueResult.Issued issued -> issued(operation, attempt, issued, written);
            case IssueResult.InProgress progress -> {
                operation.issuerState = progress.state();
                operation.nextAttemptAt = now.plus(progress.retryAfter());
                operation.statusDetails = "issuer '" + operation.issuerName + "': " + progress.detail() + "; next check at " + operation.nextAttemptAt;
                yield Outcome.IN_PROGRESS;
            }
            case IssueResult.Failed failed -> failed(operation, attempt, failed, now);
        };
        audit.record(new AuditRecord(now, AuditRecord.RENEWER, attempt.request().vault(), attempt.request().name(),
                operation.renewsVersion == null ? "createCertificate" : "renewCertificate",
                outcome == Outcome.FAILED ? AuditRecord.FAILED : AuditRecord.SUCCEEDED, null, null,
                switch (result) {
                    case IssueResult.Issued issued -> "issued by '" + operation.issuerName + "'";
                    case IssueResult.InProgress progress -> "issuer '" + operation.issuerName + "' in progress";
                    case IssueResult.Failed failed -> failed.code() + " (attempt " + operation.attempts + ")";
                }));
        if (operation.status() != OperationStatus.IN_PROGRESS) {
            bulks.afterOperationEnded(operation.bulkId);
        }
        return outcome;
    }

    private Outcome issued(CertificateOperationEntity operation, PrepareAttempt.Attempt attempt, IssueResult.Issued issued,
                           List<ScheduleDueActions.Written> written) {
        CertificateEntity certificate = CertificateEntity.findById(operation.certificateId);
        var policy = policyJson.read(certificate.policy);
        VersionCause cause = operation.renewsVersion == null ? VersionCause.CREATED : VersionCause.RENEWED;
        ScheduleDueActions.Written write = versions.writeUnscheduled(certificate, new VersionWriter.NewVersion(issued.leaf(), issued.chain(),
                attempt.request().keys().getPrivate(), policy.key().exportable() && operation.keyExportable, operation.requestedEnabled,
                operation.requestedTags, cause, operation.issuerName));
        written.add(write);
        if (attempt.request().provider().orElse(null) instanceof IssuerProvider.Acme acme) {
            renewalInfo.issued(write.version(), issued.leaf(), operation.issuerName, acme);
        }
        operation.status(OperationStatus.COMPLETED);
        operation.statusDetails = "issued by '" + operation.issuerName + "'" + (operation.attempts > 0 ? " after " + (operation.attempts + 1) + " attempts" : "");
        operation.errorCode = null;
        operation.errorMessage = null;
        operation.personMustAct = false;
        operation.nextAttemptAt = null;
        operation.issuerState = null;
        operation.privateKeySealed = null;
        return Outcome.ISSUED;
    }

    private Outcome failed(CertificateOperationEntity operation, PrepareAttempt.Attempt attempt, IssueResult.Failed failed, Instant now) {
        CertificateEntity certificate = CertificateEntity.findById(operation.certificateId);
        operation.attempts++;
        operation.errorCode = failed.code();
        operation.errorMessage = failed.message();
        operation.personMustAct = !failed.retryable();
        // A failed order is not resumed: the next attempt starts afresh.
        operation.issuerState = null;
        operation.nextAttemptAt = new RetryBackoff(config.minRetryDelay(), config.maxRetryDelay())
                .nextAttempt(operation.attempts, attempt.lifetime(), attempt.expiry(), now, failed.retryAfter());
        operation.statusDetails = "attempt " + operation.attempts + " failed (" + failed.code() + "): " + failed.message()
                + "; next attempt at " + operation.nextAttemptAt;
        // A bulk re-issue reports what a person must fix instead of waiting on it: its operation ends failed.
        if (operation.bulkId != null && !failed.retryable()) {
            operation.status(OperationStatus.FAILED);
            operation.nextAttemptAt = null;
            operation.privateKeySealed = null;
            operation.statusDetails = "attempt " + operation.attempts + " failed (" + failed.code() + "): " + failed.message();
        }
        Optional<CertificateVersionEntity> current = CertificateVersionEntity.latest(certificate.id);
        outbox.write(new CertificateEvent.RenewalFailed(certificate.vault, certificate.name,
                current.map(v -> v.version).orElse(null), current.map(v -> v.notBefore).orElse(null), current.map(v -> v.notAfter).orElse(null),
                failed.code(), failed.message(), operation.attempts, operation.nextAttemptAt, !failed.retryable(), operation.issuerName));
        return Outcome.FAILED;
    }
}
