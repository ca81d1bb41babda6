package io.renewd.issuer.acme;

import io.renewd.issuer.IssueResult;

import java.io.IOException;
import java.util.Optional;

/**
 * A request to an ACME server that renewd stopped: an address or host it must not reach, or a
 * limit of the attempt (deadline, answer size). An {@link IOException}, so that it travels
 * through acme4j like any network failure; {@link AcmeErrors} finds it in the cause chain.
 */
final class AcmeGuardViolation extends IOException {

    static final String ADDRESS_REFUSED = "IssuerAddressRefused";
    static final String LIMIT_EXCEEDED = "IssuerLimitExceeded";

    private final transient IssueResult.Failed failed;

    private AcmeGuardViolation(IssueResult.Failed failed) {
        super(failed.message());
        this.failed = failed;
    }

    /** renewd will not go there: a person must fix the issuer or the allow-list. */
    static AcmeGuardViolation refused(String message) {
        return new AcmeGuardViolation(new IssueResult.Failed(ADDRESS_REFUSED, message, false, Optional.empty()));
    }

    /** The CA was too slow or said too much this time: the attempt is retried with backoff. */
    static AcmeGuardViolation limit(String message) {
        return new AcmeGuardViolation(new IssueResult.Failed(LIMIT_EXCEEDED, message, true, Optional.empty()));
    }

    IssueResult.Failed failed() {
        return failed;
    }

    /** The violation somewhere in {@code thrown}'s causes, if any. */
    static Optional<AcmeGuardViolation> in(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof AcmeGuardViolation violation) {
                return Optional.of(violation);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
