package io.renewd.application.issuers;

import io.renewd.domain.IssuerProvider;

import java.time.Instant;

/**
 * A vault's named issuer as the API shows it: the credentials' account id only, never the secret; {@code providerName} as
 * the user spelled it ({@code DigiCert}), {@code provider} its settings.
 */
public record IssuerView(String vault, String name, String providerName, IssuerProvider provider, String accountId, String orgDetailsJson,
                         boolean enabled, Instant created, Instant updated) {
}
