package io.renewd.azure;

import io.renewd.api.KeyVaultError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * TEMPORARY, TEST-ONLY scaffold: stands in for renewd's bearer authentication (OIDC, being built
 * separately) so that the official Azure SDK's authentication handshake can be exercised now.
 * Delete this class when the real authentication is in, and point
 * {@link AzureSdkTestSupport#token()} at real tokens.
 *
 * <p>What it does, only while {@value #ENABLED} is true (set by {@link AzureSdkProfile} alone, so
 * no other test sees it): a request to the API without {@code Authorization: Bearer …} gets what
 * Key Vault answers, 401 with {@code WWW-Authenticate: Bearer authorization="…", resource="…"};
 * the SDK then asks its {@code TokenCredential} for a token for {@code resource + "/.default"}
 * and retries with it. Any bearer token is accepted: nothing is verified here. Health, metrics
 * and the OpenAPI document ({@code /q/*}) stay open.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ChallengeScaffold implements ContainerRequestFilter {

    /** The switch, read at every request; false (absent) everywhere but under {@link AzureSdkProfile}. */
    public static final String ENABLED = "renewd-test.challenge-scaffold.enabled";
    /** The token issuer the challenge names (the SDK takes the tenant from its last path segment). */
    public static final String AUTHORITY = "https://login.renewd.test/tenant";
    /** The audience the challenge names: the SDK asks for a token with scope {@code RESOURCE + "/.default"}. */
    public static final String RESOURCE = "https://vault.renewd.test";
    public static final String CHALLENGE = "Bearer authorization=\"" + AUTHORITY + "\", resource=\"" + RESOURCE + "\"";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false)
                || request.getUriInfo().getPath().startsWith("/q/")) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
        if (!bearer) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(KeyVaultError.of("Unauthorized", "Request is missing a Bearer token."))
                    .build());
        }
    }
}
