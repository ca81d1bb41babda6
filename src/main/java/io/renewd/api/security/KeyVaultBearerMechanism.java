package io.renewd.api.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.renewd.api.KeyVaultError;
import io.renewd.config.SecurityConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Set;

/**
 * Quarkus OIDC bearer authentication, answering a request it cannot let in the way Key Vault
 * does: 401 with {@code WWW-Authenticate: Bearer authorization="…", resource="…"}, so Key Vault
 * clients (the Azure SDK) learn where to get a token, and an error body saying what was wrong.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KeyVaultBearerMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(KeyVaultBearerMechanism.class);

    /** The request attribute holding why the token was refused, for the challenge's message. */
    private static final String REFUSAL = "renewd.token-refusal";
    /** Where the web inventory's pages live. */
    private static final String WEB_PATH = "/ui";

    private final OidcAuthenticationMechanism oidc;
    private final MeterRegistry registry;
    private final String challenge;

    KeyVaultBearerMechanism(OidcAuthenticationMechanism oidc, MeterRegistry registry, SecurityConfig config) {
        this.oidc = oidc;
        this.registry = registry;
        this.challenge = "Bearer authorization=\"" + config.authority() + "\", resource=\"" + config.resource() + "\"";
        if (!hasPathSegment(config.authority())) {
            LOG.warnf("renewd.security.authority '%s' has no path: Azure SDK Key Vault clients take a tenant from its first "
                    + "path segment and fail without one; set RENEWD_SECURITY_AUTHORITY to the issuer's URL with a path", config.authority());
        }
    }

    private static boolean hasPathSegment(String url) {
        String path = URI.create(url).getPath();
        return path != null && path.length() > 1 && path.charAt(1) != '/';
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        // The OIDC mechanism names itself as the request's mechanism; its challenge would then be sent.
        return oidc.authenticate(context, identityProviderManager)
                .onFailure().invoke(refusal -> context.put(REFUSAL, refusal))
                .onTermination().invoke(() -> context.put(HttpAuthenticationMechanism.class.getName(), this));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (isWebInventory(context)) {
            return oidc.getChallenge(context);
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (isWebInventory(context)) {
            return oidc.sendChallenge(context);
        }
        if (!context.response().ended()) {
            TokenRefusals.Refusal refusal = TokenRefusals.of(context.request().getHeader(HttpHeaders.AUTHORIZATION), context.get(REFUSAL));
            registry.counter("renewd.api.unauthenticated", "reason", refusal.code()).increment();
            context.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", challenge)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                    .end(Json.encode(KeyVaultError.of("Unauthorized", refusal.message())));
        }
        return Uni.createFrom().item(true);
    }

    /**
     * The web inventory's pages (the web tenant's, /ui and below) sign a person in with the authorization code flow: their
     * challenge is the OIDC mechanism's redirect to the identity provider. Every other path keeps Key Vault's 401.
     */
    private static boolean isWebInventory(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals(WEB_PATH) || path.startsWith(WEB_PATH + "/");
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        // Ahead of the OIDC mechanism itself, so this challenge is the one sent.
        return oidc.getPriority() + 1;
    }
}
