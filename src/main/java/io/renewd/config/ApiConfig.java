package io.renewd.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of renewd's Key Vault API: its limits and how vaults are addressed. */
@ConfigMapping(prefix = "renewd.api")
public interface ApiConfig {

    /**
     * The largest request body the API takes, restore excepted: a restore may be as large as
     * {@code quarkus.http.limits.max-body-size} (a backup holds every version of a certificate).
     * 2 MiB holds the largest certificate renewd's parsers accept (1 MiB of PFX or PEM,
     * 1.4 MiB once base64 in JSON) with room for the policy; real imports and merges, even a
     * PFX or PKCS#7 bundle with a 20-certificate chain, are well under 100 KiB.
     */
    @WithDefault("2M")
    MemorySize maxBodySize();

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
