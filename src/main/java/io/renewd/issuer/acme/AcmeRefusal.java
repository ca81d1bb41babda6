package io.renewd.issuer.acme;

import io.renewd.issuer.IssueResult;

import java.util.Optional;

/**
 * renewd itself cannot go on with an ACME issuance (unusable CSR names, bad issuer settings, an
 * unreadable trust store, a CA that offers no http-01): thrown where that is found, answered as
 * {@link #failed()} by {@link AcmeIssuer}.
 */
final class AcmeRefusal extends RuntimeException {

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

    IssueResult.Failed failed() {
        return failed;
    }
}
