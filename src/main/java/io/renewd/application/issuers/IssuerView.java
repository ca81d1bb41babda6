package io.renewd.application.issuers;

import io.renewd.domain.IssuerLimits;
import io.renewd.domain.IssuerProvider;

import java.time.Instant;
import java.util.Optional;

/**
 * A vault's named issuer as the API shows it: the credentials' account id only, never the secret; {@code providerName} as
 * the user spelled it ({@code DigiCert}), {@code provider} its settings; {@code limits} as set (null: the defaults);
 * {@code pause} while a CA's rate limit keeps renewers off it.
 */
public record IssuerView(String vault, String name, String providerName, IssuerProvider provider, String accountId, String orgDetailsJson,
                         boolean enabled, Instant created, Instant updated, IssuerLimits limits, Optional<Pause> pause) {

    /** No renewer claims the issuer's operations before {@code until}. */
    public record Pause(Instant until, String reason) {
    }
}
