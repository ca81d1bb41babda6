package io.renewd.domain.inventory;

import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a certificate stands, as the web inventory counts and filters it. One state each, the first that applies:
 * expired (its current version's validity has ended), waiting for a person (a CSR for an Unknown issuer to merge, or a
 * failure no retry will fix), failing (its last renewal attempt failed and is retried), renewing (an operation in
 * progress), else healthy. {@code InventoryQueries} computes the same in SQL, so the table can filter on it.
 */
public enum CertificateState {
    HEALTHY("healthy", "Healthy"),
    RENEWING("renewing", "Renewing"),
    FAILING("failing", "Failing"),
    WAITING("waiting", "Waiting for a person"),
    EXPIRED("expired", "Expired");

    private final String key;
    private final String label;

    CertificateState(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The certificate's pending or last operation, as far as its state depends on it. */
    public record Operation(OperationStatus status, String issuerName, String errorCode, boolean personMustAct) {
    }

    /**
     * @param notAfter  the current version's end of validity; null while the first version is pending
     * @param operation the pending or last operation; null when there is none
     */
    public static CertificateState of(Instant notAfter, Operation operation, Instant now) {
        if (notAfter != null && !notAfter.isAfter(now)) {
            return EXPIRED;
        }
        if (operation == null) {
            return HEALTHY;
        }
        return switch (operation.status()) {
            case IN_PROGRESS -> IssuerReference.UNKNOWN.equalsIgnoreCase(operation.issuerName()) || operation.personMustAct() ? WAITING
                    : operation.errorCode() != null ? FAILING : RENEWING;
            case FAILED -> operation.personMustAct() ? WAITING : FAILING;
            case COMPLETED, CANCELLED -> HEALTHY;
        };
    }

    /** The name in URLs and forms. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<CertificateState> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
