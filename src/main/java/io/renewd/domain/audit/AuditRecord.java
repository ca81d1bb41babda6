package io.renewd.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which object of which vault, when, with what
 * outcome, in which request. Automatic actions name renewd itself as principal ({@code renewd/sweep}, …).
 *
 * @param vault     null for operations outside any vault (e.g. re-wrapping keys)
 * @param object    the certificate or issuer; null when the operation is about the vault itself
 * @param operation Key Vault's operation name where there is one (createCertificate, getSecretWithKey, …)
 * @param outcome   {@code succeeded}, {@code refused} (4xx) or {@code failed}
 * @param status    the HTTP status of an API operation; null for automatic actions
 * @param details   a short, secret-free detail (an error code, a trigger, a recipient count)
 */
public record AuditRecord(Instant at, String principal, String vault, String object, String operation, String outcome,
                          Integer status, String requestId, String details) {

    public static final String SUCCEEDED = "succeeded";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    /** The principals of renewd's own work. */
    public static final String SWEEP = "renewd/sweep";
    public static final String RENEWER = "renewd/renewer";
    public static final String NOTIFIER = "renewd/notifier";

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The outcome of an API operation from its HTTP status. */
    public static String outcomeOf(int status) {
        return status < 400 ? SUCCEEDED : status < 500 ? REFUSED : FAILED;
    }
}
