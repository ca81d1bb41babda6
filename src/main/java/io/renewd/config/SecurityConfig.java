package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** Who may call renewd: the bearer-token challenge it answers with, and its global administrators. */
@ConfigMapping(prefix = "renewd.security")
public interface SecurityConfig {

    /**
     * The token authority named in the 401 challenge ({@code WWW-Authenticate: Bearer authorization="…"});
     * Key Vault clients get their token from it. It needs a path: the Azure SDK takes a tenant from
     * its first segment. Defaults to the OIDC issuer.
     */
    @WithDefault("${quarkus.oidc.auth-server-url:${quarkus.oidc.token.issuer:https://login.renewd.local/renewd}}")
    String authority();

    /**
     * The resource (audience) named in the 401 challenge: clients ask the authority for a token for it.
     * Defaults to the audience tokens must carry, else the OIDC client id.
     */
    @WithDefault("${quarkus.oidc.token.audience:${quarkus.oidc.client-id:https://vault.renewd.local}}")
    String resource();

    /**
     * Accept bearer tokens whatever their audience when {@code quarkus.oidc.token.audience} is not set.
     * Off: a process serving the API refuses to start without an audience, since it would otherwise
     * let in tokens the identity provider issued to other applications. On: it starts, with a warning.
     */
    @WithDefault("false")
    boolean allowAnyAudience();

    /** Members of these groups (the token's groups claim) administer every vault: they create vaults and grant access. */
    @WithDefault("renewd-admins")
    Set<String> adminGroups();
}
