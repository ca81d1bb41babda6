package io.renewd.domain;

/**
 * A named issuer as a user sends it (PUT or PATCH): any member may be absent (null).
 * {@code acmeDirectoryUrl}/{@code acmeContact} and {@code caCertificateName} are renewd's
 * per-provider members; {@code orgDetailsJson} is Key Vault's org_details, kept as sent.
 */
public record IssuerDraft(String provider, String acmeDirectoryUrl, String acmeContact, String caCertificateName,
                          IssuerCredentials credentials, String orgDetailsJson, Boolean enabled) {

    /** This draft's members where present, {@code base}'s elsewhere. */
    public IssuerDraft over(IssuerDraft base) {
        boolean sameProvider = provider == null || provider.equalsIgnoreCase(base.provider);
        return new IssuerDraft(
                provider != null ? provider : base.provider,
                acmeDirectoryUrl != null || !sameProvider ? acmeDirectoryUrl : base.acmeDirectoryUrl,
                acmeContact != null || !sameProvider ? acmeContact : base.acmeContact,
                caCertificateName != null || !sameProvider ? caCertificateName : base.caCertificateName,
                credentials != null ? credentials : base.credentials,
                orgDetailsJson != null ? orgDetailsJson : base.orgDetailsJson,
                enabled != null ? enabled : base.enabled);
    }
}
