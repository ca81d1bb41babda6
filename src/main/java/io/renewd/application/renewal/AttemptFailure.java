package io.renewd.application.renewal;

import io.renewd.config.RenewerConfig;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.renewal.RetryBackoff;
import io.renewd.issuer.IssueResult;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.VersionRows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a failed attempt does to its operation, whether the issuer refused or renewd could not even ask it: the failure and
 * the next attempt recorded (a bulk re-issue's operation ends instead when a person must act), and the {@code RenewalFailed}
 * event that says so.
 */
final class AttemptFailure {

    private AttemptFailure() {
    }

    /** {@code lifetime} and {@code expiry} size the backoff; returns the event to publish. */
    static CertificateEvent.RenewalFailed record(CertificateOperationEntity operation, CertificateEntity certificate,
                                                 Optional<VersionRows.Current> current, IssueResult.Failed failed, Duration lifetime,
                                                 Optional<Instant> expiry, Instant now, RenewerConfig config) {
        operation.attempts++;
        operation.errorCode = failed.code();
        operation.errorMessage = failed.message();
        operation.personMustAct = !failed.retryable();
        // A failed order is not resumed: the next attempt starts afresh.
        operation.issuerState = null;
        operation.nextAttemptAt = new RetryBackoff(config.minRetryDelay(), config.maxRetryDelay())
                .nextAttempt(operation.attempts, lifetime, expiry, now, failed.retryAfter());
        operation.statusDetails = "attempt " + operation.attempts + " failed (" + failed.code() + "): " + failed.message()
                + "; next attempt at " + operation.nextAttemptAt;
        // A bulk re-issue reports what a person must fix instead of waiting on it: its operation ends failed.
        if (operation.bulkId != null && !failed.retryable()) {
            operation.status(OperationStatus.FAILED);
            operation.nextAttemptAt = null;
            operation.privateKeySealed = null;
            operation.statusDetails = "attempt " + operation.attempts + " failed (" + failed.code() + "): " + failed.message();
        }
        return new CertificateEvent.RenewalFailed(certificate.vault, certificate.name,
                current.map(VersionRows.Current::version).orElse(null), current.map(VersionRows.Current::notBefore).orElse(null),
                current.map(VersionRows.Current::notAfter).orElse(null),
                failed.code(), failed.message(), operation.attempts, operation.nextAttemptAt, !failed.retryable(), operation.issuerName);
    }
}
