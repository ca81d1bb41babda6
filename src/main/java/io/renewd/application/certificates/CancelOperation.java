package io.renewd.application.certificates;

import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateOperationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Asks a pending operation to stop. One waiting for a person (issuer Unknown) stops at once;
 * one with an issuer stops before its next step reaches the CA; one that has ended stays as it ended.
 */
@ApplicationScoped
public class CancelOperation {

    /** The operation after the request; {@code late}: it had already ended, so nothing changed (still worth an audit line). */
    public record Result(OperationView operation, boolean late) {
    }

    private final OperationQueries operations;
    private final Clock clock;

    CancelOperation(OperationQueries operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
    }

    @Transactional
    public Result execute(String vault, String name) {
        CertificateOperationEntity operation = operations.entity(vault, name);
        if (operation.status() != OperationStatus.IN_PROGRESS) {
            // Key Vault's cancellation is best effort: one that comes after the end answers the operation as it ended.
            return new Result(OperationQueries.view(vault, name, operation), true);
        }
        operation.cancellationRequested = true;
        if (IssuerReference.UNKNOWN.equals(operation.issuerName)) {
            operation.status(OperationStatus.CANCELLED);
            operation.statusDetails = "cancelled on request";
        }
        operation.updatedAt = clock.instant();
        return new Result(OperationQueries.view(operation), false);
    }
}
