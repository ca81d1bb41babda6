package io.renewd.application.issuers;

import io.renewd.domain.IssuerProvider;

import java.time.Instant;

/** A vault's named issuer as the API shows it: the credentials' account id only, never the secret. */
public record IssuerView(String vault, String name, IssuerProvider provider, String accountId, String orgDetailsJson,
                         boolean enabled, Instant created, Instant updated) {
}
