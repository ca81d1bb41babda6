package io.renewd.application.renewal;

import io.renewd.application.certificates.PendingOperations;
import io.renewd.domain.ActionType;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An AutoRenew action fell due for a version: opens the pending operation that the renewer
 * works on, without a key (the renewer makes it at the first attempt). Idempotent: asking again
 * for the same version, or for a version that already has
 * a successor, does nothing.
 */
@ApplicationScoped
public class RequestRenewal {

    /** What the request came to. */
    public enum Outcome {
        REQUESTED, ALREADY_REQUESTED, ALREADY_RENEWED, CERTIFICATE_GONE, DISABLED, OTHER_OPERATION_PENDING, NO_ISSUER,
        /** The certificate's policy has no AutoRenew action (any more). */
        NO_AUTO_RENEW
    }

    private final PolicyJson policyJson;
    private final PendingOperations pendingOperations;
    private final Event<RenewalRequested> requested;
    private final Clock clock;

    RequestRenewal(PolicyJson policyJson, PendingOperations pendingOperations, Event<RenewalRequested> requested, Clock clock) {
        this.policyJson = policyJson;
        this.pendingOperations = pendingOperations;
        this.requested = requested;
        this.clock = clock;
    }

    @Transactional
    public Outcome execute(String vault, String name, String version) {
        Optional<CertificateEntity> found = CertificateEntity.<CertificateEntity>find(CertificateEntity.BY_NAME + " and deletedAt is null", vault, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (found.isEmpty()) {
            return Outcome.CERTIFICATE_GONE;
        }
        CertificateEntity certificate = found.get();
        Optional<CertificateVersionEntity> current = CertificateVersionEntity.latest(certificate.id);
        if (current.isEmpty() || !current.get().version.equals(version)) {
            return Outcome.ALREADY_RENEWED;
        }
        if (!current.get().enabled) {
            return Outcome.DISABLED;
        }
        CertificateOperationEntity existing = CertificateOperationEntity.findById(certificate.id);
        if (existing != null && version.equals(existing.renewsVersion)) {
            return Outcome.ALREADY_REQUESTED;
        }
        if (existing != null && existing.status() == OperationStatus.IN_PROGRESS) {
            return Outcome.OTHER_OPERATION_PENDING;
        }
        CertificatePolicy policy = policyJson.read(certificate.policy);
        if (policy.lifetimeActions().stream().noneMatch(a -> a.type() == ActionType.AUTO_RENEW)) {
            return Outcome.NO_AUTO_RENEW;
        }
        if (policy.issuer().isUnknown()) {
            return Outcome.NO_ISSUER;
        }
        Instant now = clock.instant();
        // No key yet: the renewer makes it at the first attempt (PrepareAttempt), so opening a renewal is one row written
        // and a burst of them is not held up by key generation.
        CertificateOperationEntity operation = pendingOperations.reset(certificate, now);
        operation.issuerName = policy.issuer().name();
        operation.certificateType = policy.issuer().certificateType();
        operation.certTransparency = policy.issuer().certificateTransparency();
        operation.requestedEnabled = true;
        operation.requestedTags = current.get().tags;
        operation.renewsVersion = version;
        operation.nextAttemptAt = now;
        operation.status(OperationStatus.IN_PROGRESS);
        operation.statusDetails = "renewing version " + version + " through issuer '" + policy.issuer().name() + "'";
        operation.persist();
        requested.fire(new RenewalRequested(vault, name));
        return Outcome.REQUESTED;
    }
}
