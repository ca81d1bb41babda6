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
import io.renewd.events.AuditTrail;
import io.renewd.events.EventOutbox;
import io.renewd.issuer.IssueResult;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    /**
     * Several answers in one transaction, all or nothing; the outcomes in their order. The chunk's rows are read with one
     * query each, and its versions, events and audit entries written with a few statements for all of them.
     */
    @Transactional
    public List<Outcome> executeAll(List<Answer> answers) {
        ChunkRows rows = ChunkRows.read(answers.stream().map(answer -> answer.claim().certificateId()).toList());
        Recording recording = new Recording();
        List<Outcome> outcomes = answers.stream().map(answer -> record(answer, rows, recording)).toList();
        rows.writeOperations(recording.operations);
        List<ScheduleDueActions.Written> written = versions.writeUnscheduled(recording.versions.stream().map(Issued::version).toList());
        for (int i = 0; i < written.size(); i++) {
            Issued issued = recording.versions.get(i);
            CertificateVersionEntity version = written.get(i).version();
            issued.acme().ifPresent(acme -> renewalInfo.issued(version, issued.version().version().leaf(), issued.issuer(), acme));
        }
        outbox.writeAll(recording.failures);
        audit.recordAll(recording.audits);
        // The new versions' due actions, all at once.
        schedule.rescheduleWritten(written);
        recording.endedBulks.forEach(bulks::afterOperationEnded);
        return outcomes;
    }

    /** A new version to write, and the ACME CA it came from (whose renewal window renewd then tracks). */
    private record Issued(VersionWriter.ForCertificate version, String issuer, Optional<IssuerProvider.Acme> acme) {
    }

    /** What a chunk's answers write, gathered to be written together. */
    private static final class Recording {
        final List<CertificateOperationEntity> operations = new ArrayList<>();
        final List<Issued> versions = new ArrayList<>();
        final List<CertificateEvent> failures = new ArrayList<>();
        final List<AuditRecord> audits = new ArrayList<>();
        final Set<UUID> endedBulks = new LinkedHashSet<>();
    }

    private Outcome record(Answer answer, ChunkRows rows, Recording recording) {
        ClaimOperations.Claim claim = answer.claim();
        PrepareAttempt.Attempt attempt = answer.attempt();
        IssueResult result = answer.result();
        CertificateOperationEntity operation = rows.operation(claim.certificateId());
        if (operation == null || !claim.requestId().equals(operation.requestId) || !claim.owner().equals(operation.leaseOwner)
                || operation.status() != OperationStatus.IN_PROGRESS) {
            return Outcome.DISCARDED;
        }
        recording.operations.add(operation);
        CertificateEntity certificate = rows.certificate(claim.certificateId());
        Instant now = clock.instant();
        operation.leaseOwner = null;
        operation.leaseUntil = null;
        operation.updatedAt = now;
        if (result instanceof IssueResult.Issued issued && !Arrays.equals(issued.leaf().getPublicKey().getEncoded(), operation.publicKey)) {
            result = new IssueResult.Failed("Rejected", "issuer '" + operation.issuerName
                    + "' returned a certificate for another key than the operation's CSR", false, Optional.empty());
        }
        Outcome outcome = switch (result) {
            case IssueResult.Issued issued -> issued(operation, certificate, attempt, issued, recording);
            case IssueResult.InProgress progress -> {
                operation.issuerState = progress.state();
                operation.nextAttemptAt = now.plus(progress.retryAfter());
                operation.statusDetails = "issuer '" + operation.issuerName + "': " + progress.detail() + "; next check at " + operation.nextAttemptAt;
                yield Outcome.IN_PROGRESS;
            }
            case IssueResult.Failed failed -> failed(operation, certificate, rows, attempt, failed, now, recording);
        };
        recording.audits.add(new AuditRecord(now, AuditRecord.RENEWER, attempt.request().vault(), attempt.request().name(),
                operation.renewsVersion == null ? "createCertificate" : "renewCertificate",
                outcome == Outcome.FAILED ? AuditRecord.FAILED : AuditRecord.SUCCEEDED, null, null,
                switch (result) {
                    case IssueResult.Issued issued -> "issued by '" + operation.issuerName + "'";
                    case IssueResult.InProgress progress -> "issuer '" + operation.issuerName + "' in progress";
                    case IssueResult.Failed failed -> failed.code() + " (attempt " + operation.attempts + ")";
                }));
        if (operation.status() != OperationStatus.IN_PROGRESS && operation.bulkId != null) {
            recording.endedBulks.add(operation.bulkId);
        }
        return outcome;
    }

    private Outcome issued(CertificateOperationEntity operation, CertificateEntity certificate, PrepareAttempt.Attempt attempt,
                           IssueResult.Issued issued, Recording recording) {
        var policy = policyJson.read(certificate.policy);
        VersionCause cause = operation.renewsVersion == null ? VersionCause.CREATED : VersionCause.RENEWED;
        recording.versions.add(new Issued(new VersionWriter.ForCertificate(certificate, new VersionWriter.NewVersion(issued.leaf(), issued.chain(),
                attempt.request().keys().getPrivate(), policy.key().exportable() && operation.keyExportable, operation.requestedEnabled,
                operation.requestedTags, cause, operation.issuerName)), operation.issuerName,
                attempt.request().provider().filter(IssuerProvider.Acme.class::isInstance).map(IssuerProvider.Acme.class::cast)));
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

    private Outcome failed(CertificateOperationEntity operation, CertificateEntity certificate, ChunkRows rows, PrepareAttempt.Attempt attempt,
                           IssueResult.Failed failed, Instant now, Recording recording) {
        recording.failures.add(AttemptFailure.record(operation, certificate, rows.current(certificate.id), failed, attempt.lifetime(),
                attempt.expiry(), now, config));
        return Outcome.FAILED;
    }
}
