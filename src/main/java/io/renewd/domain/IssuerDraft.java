package io.renewd.domain;

/**
 * A named issuer as a user sends it (PUT or PATCH): any member may be absent (null).
 * {@code acmeDirectoryUrl}/{@code acmeContact}, {@code caCertificateName}, {@code caAllowCa} and {@code caMaxPathLength} are renewd's
 * per-provider members; {@code orgDetailsJson} is Key Vault's org_details, kept as sent.
 */
public record IssuerDraft(String provider, String acmeDirectoryUrl, String acmeContact, String caCertificateName,
                          IssuerCredentials credentials, String orgDetailsJson, Boolean enabled, Boolean caAllowCa,
                          Integer caMaxPathLength) {

    /** A draft that says nothing about CA issuance ({@code ca.allow_ca}, {@code ca.max_path_length}). */
    public IssuerDraft(String provider, String acmeDirectoryUrl, String acmeContact, String caCertificateName,
                       IssuerCredentials credentials, String orgDetailsJson, Boolean enabled) {
        this(provider, acmeDirectoryUrl, acmeContact, caCertificateName, credentials, orgDetailsJson, enabled, null, null);
    }

    /** This draft's members where present, {@code base}'s elsewhere. */
    public IssuerDraft over(IssuerDraft base) {
        boolean sameProvider = provider == null || provider.equalsIgnoreCase(base.provider);
        // allow_ca false drops the path length with it: it only means something for an issuer that signs CAs.
        boolean keepPathLength = sameProvider && !Boolean.FALSE.equals(caAllowCa);
        return new IssuerDraft(
                provider != null ? provider : base.provider,
                acmeDirectoryUrl != null || !sameProvider ? acmeDirectoryUrl : base.acmeDirectoryUrl,
                acmeContact != null || !sameProvider ? acmeContact : base.acmeContact,
                caCertificateName != null || !sameProvider ? caCertificateName : base.caCertificateName,
                credentials != null ? credentials : base.credentials,
                orgDetailsJson != null ? orgDetailsJson : base.orgDetailsJson,
                enabled != null ? enabled : base.enabled,
                caAllowCa != null || !sameProvider ? caAllowCa : base.caAllowCa,
                caMaxPathLength != null || !keepPathLength ? caMaxPathLength : base.caMaxPathLength);
    }
}
