package io.renewd.issuer;

/**
 * Obtains a certificate for a pending operation from one kind of issuer ({@code Self}, an
 * internal {@code ca}, an {@code acme} CA). One implementation per package; the renewer picks
 * the one whose {@link #provider()} matches the issuer named in the certificate's policy.
 * Implementations never throw for the issuer's own failures: they answer {@link IssueResult.Failed}.
 */
public interface CertificateIssuer {

    /** {@code Self}, {@code ca} or {@code acme}: the provider this adapter serves. */
    String provider();

    /**
     * Issues, or moves an issuance forward. Called again with the {@link IssueResult.InProgress}
     * state it returned last time (also after a restart, possibly on another replica), so it
     * resumes rather than starts over.
     */
    IssueResult issue(IssueRequest request);
}
