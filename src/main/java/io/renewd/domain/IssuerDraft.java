package io.renewd.domain;

/**
 * A named issuer as a user sends it (PUT or PATCH): any member may be absent (null).
 * {@code acme} and {@code ca} are renewd's per-provider members, {@code limits} renewd's limits for any provider;
 * {@code orgDetailsJson} is Key Vault's org_details, kept as sent.
 */
public record IssuerDraft(String provider, IssuerProvider.Acme acme, IssuerProvider.InternalCa ca, IssuerCredentials credentials,
                          String orgDetailsJson, Boolean enabled, IssuerLimits limits) {

    /** A draft without limits (the deployment's defaults, or those stored). */
    public IssuerDraft(String provider, IssuerProvider.Acme acme, IssuerProvider.InternalCa ca, IssuerCredentials credentials,
                       String orgDetailsJson, Boolean enabled) {
        this(provider, acme, ca, credentials, orgDetailsJson, enabled, null);
    }

    /** This draft's members where present, {@code base}'s elsewhere; a change of provider drops the old provider's members. */
    public IssuerDraft over(IssuerDraft base) {
        boolean sameProvider = provider == null || provider.equalsIgnoreCase(base.provider);
        return new IssuerDraft(
                provider != null ? provider : base.provider,
                sameProvider && acme != null ? acme.over(base.acme) : sameProvider ? base.acme : acme,
                sameProvider && ca != null ? ca.over(base.ca) : sameProvider ? base.ca : ca,
                credentials != null ? credentials : base.credentials,
                orgDetailsJson != null ? orgDetailsJson : base.orgDetailsJson,
                enabled != null ? enabled : base.enabled,
                limits != null ? limits.over(base.limits) : base.limits);
    }
}
