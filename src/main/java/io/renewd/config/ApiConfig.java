package io.renewd.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Settings of the Key Vault API. */
@ConfigMapping(prefix = "renewd.api")
public interface ApiConfig {

    /**
     * Host names that each address one vault, as Key Vault's vault URLs do
     * ({@code https://<vault>.vault.azure.net}): a pattern whose first label is {@code {vault}},
     * such as {@code {vault}.vault.example.com}. A request to
     * {@code https://team-a.vault.example.com/certificates/…} then addresses vault {@code team-a},
     * and the ids in its answers have Key Vault's form ({@code https://team-a.vault.example.com/certificates/<name>/<version>}),
     * which the Azure SDKs parse names and versions from. Needs wildcard DNS and a wildcard
     * certificate. Path addressing ({@code /vaults/<vault>/…}) works with or without it.
     */
    Optional<String> vaultHost();
}
