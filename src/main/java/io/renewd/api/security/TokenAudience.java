package io.renewd.api.security;

import io.quarkus.runtime.Startup;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.config.SecurityConfig;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * The audience bearer tokens must carry ({@code quarkus.oidc.token.audience}), checked at start:
 * without one, renewd would let in any token its identity provider signed, including those it
 * issued to other applications. A process serving the API refuses to start without it, unless
 * the operator opted out explicitly ({@code renewd.security.allow-any-audience}); then it warns
 * at every start.
 */
@Startup
@Singleton
public class TokenAudience {

    static final String AUDIENCE = "quarkus.oidc.token.audience";

    /** What the start-up check found. */
    enum Check {
        /** Tokens must carry the configured audience, or the process serves no API. */
        ENFORCED,
        /** No audience, knowingly: tokens for any audience are accepted. */
        ANY_AUDIENCE_ALLOWED,
        /** No audience and no opt-out: the process must not start. */
        MISSING
    }

    TokenAudience(ProcessRoles roles, SecurityConfig security, @ConfigProperty(name = AUDIENCE) Optional<List<String>> audience) {
        switch (check(roles.runs(Role.API), audience.orElse(List.of()), security.allowAnyAudience())) {
            case ENFORCED -> { }
            case ANY_AUDIENCE_ALLOWED -> Logger.getLogger(TokenAudience.class).warn(
                    "renewd.security.allow-any-audience=true and no quarkus.oidc.token.audience: bearer tokens for any audience are accepted, "
                    + "including tokens the identity provider issued to other applications. Set QUARKUS_OIDC_TOKEN_AUDIENCE to renewd's audience");
            case MISSING -> throw new IllegalStateException("renewd refuses to start: quarkus.oidc.token.audience (QUARKUS_OIDC_TOKEN_AUDIENCE) "
                    + "is not set, so renewd would accept bearer tokens its identity provider issued to any other application. Set it to the "
                    + "audience (aud claim) of the tokens issued for renewd, e.g. renewd's client id; or, to accept any audience knowingly, "
                    + "set renewd.security.allow-any-audience=true (RENEWD_SECURITY_ALLOW_ANY_AUDIENCE)");
        }
    }

    static Check check(boolean servesApi, List<String> audience, boolean allowAnyAudience) {
        if (!servesApi || audience.stream().anyMatch(a -> !a.isBlank())) {
            return Check.ENFORCED;
        }
        return allowAnyAudience ? Check.ANY_AUDIENCE_ALLOWED : Check.MISSING;
    }
}
