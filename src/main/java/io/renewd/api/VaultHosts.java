package io.renewd.api;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.renewd.config.ApiConfig;
import io.renewd.domain.Names;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vault addressing by host name ({@code renewd.api.vault-host}): which vault a host name such
 * as {@code team-a.vault.example.com} addresses. Checked at start, so a malformed pattern stops
 * renewd with a message rather than routing nothing.
 */
@Startup
@Singleton
public class VaultHosts {

    static final String PLACEHOLDER = "{vault}";
    private static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

    /** The host name after the vault's label, with its leading dot (".vault.example.com"); null when host addressing is off. */
    private final String suffix;

    VaultHosts(ApiConfig config) {
        this.suffix = config.vaultHost().map(VaultHosts::suffixOf).orElse(null);
    }

    static String suffixOf(String pattern) {
        String lower = pattern.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PLACEHOLDER + ".") || !HOST.matcher(lower.substring(PLACEHOLDER.length() + 1)).matches()) {
            throw new IllegalArgumentException("renewd.api.vault-host '" + pattern
                    + "' must be a host name whose first label is {vault}, such as {vault}.vault.example.com");
        }
        return lower.substring(PLACEHOLDER.length());
    }

    /** The vault a host name addresses, if host addressing is on and the host is one of its names. */
    public Optional<String> vaultOf(String host) {
        if (suffix == null || host == null) {
            return Optional.empty();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() <= suffix.length() || !name.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            return Optional.empty();
        }
        // Host names are case-insensitive: TEAM-A.vault.example.com is team-a's.
        String vault = name.substring(0, name.length() - suffix.length()).toLowerCase(Locale.ROOT);
        return Names.isValidVaultName(vault) ? Optional.of(vault) : Optional.empty();
    }

    /** Whether {@code host} is the host name of {@code vault}. */
    public boolean addresses(String host, String vault) {
        return vaultOf(host).map(vault::equalsIgnoreCase).orElse(false);
    }

    /** The host name of {@code vault}, in lowercase as DNS writes it (when host addressing is on). */
    public String hostOf(String vault) {
        return vault.toLowerCase(Locale.ROOT) + suffix;
    }

    /** The bean, for the static helpers that build ids. */
    static VaultHosts current() {
        return Arc.container().instance(VaultHosts.class).get();
    }
}
