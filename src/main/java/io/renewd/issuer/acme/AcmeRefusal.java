package io.renewd.issuer.acme;

import io.renewd.issuer.IssueResult;

import java.util.Optional;

/**
 * renewd itself cannot go on with an ACME issuance (unusable CSR names, bad issuer settings, an
 * unreadable trust store, a CA that offers no http-01): thrown where that is found, answered as
 * {@link #failed()} by {@link AcmeIssuer}.
 */
final class AcmeRefusal extends RuntimeException {

    static final String NAME_NOT_ALLOWED = "AcmeNameNotAllowed";

    private final transient IssueResult.Failed failed;

    private AcmeRefusal(IssueResult.Failed failed) {
        super(failed.message(), null, false, false);
        this.failed = failed;
    }

    /** The CA cannot or will not certify what was asked for; a person must change the policy or issuer. */
    static AcmeRefusal rejected(String message) {
        return new AcmeRefusal(new IssueResult.Failed(AcmeErrors.REJECTED, message, false, Optional.empty()));
    }

    /** renewd's configuration or the issuer's settings are wrong; a person must fix them. */
    static AcmeRefusal misconfigured(String message) {
        return new AcmeRefusal(new IssueResult.Failed(AcmeErrors.MISCONFIGURED, message, false, Optional.empty()));
    }

    /** The operator's name map or renewd's own names forbid ordering these names for this vault; a person must act. */
    static AcmeRefusal nameNotAllowed(String message) {
        return new AcmeRefusal(new IssueResult.Failed(NAME_NOT_ALLOWED, message, false, Optional.empty()));
    }

    /** A server renewd needs for the order (a DNS server of a dns01 solver) does not answer now; the next attempt tries again. */
    static AcmeRefusal unavailable(String message) {
        return new AcmeRefusal(new IssueResult.Failed(AcmeErrors.UNAVAILABLE, message, true, Optional.empty()));
    }

    /** The CA's answer exceeds what renewd works on in one attempt; the next attempt tries again. */
    static AcmeRefusal limit(String message) {
        return new AcmeRefusal(new IssueResult.Failed(AcmeGuardViolation.LIMIT_EXCEEDED, message, true, Optional.empty()));
    }

    IssueResult.Failed failed() {
        return failed;
    }
}
