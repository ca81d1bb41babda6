package io.renewd.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Key Vault's routes (certificates, deleted certificates, secrets, keys) need an {@code api-version} that Key Vault
 * knows, and answer 400 {@code BadParameter} in Key Vault's words without one. renewd's own routes (vault admin,
 * access policies, guardrails, audit, bulk re-issue, {@code /admin}) have no Key Vault version and ignore it.
 */
public class ApiVersionFilter {

    private static final Pattern KEY_VAULT_ROUTE =
            Pattern.compile("^/vaults/[^/]+/(?i:certificates|deletedcertificates|secrets|keys)(/.*)?$");
    /** The bulk re-issue is renewd's, though it lives under {@code certificates}. */
    private static final Pattern EXTENSION = Pattern.compile("^/vaults/[^/]+/(?i:certificates)/reissue/?$");

    /** The refusal, or null to go on. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public Response requireVersion(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!KEY_VAULT_ROUTE.matcher(path).matches() || EXTENSION.matcher(path).matches()) {
            return null;
        }
        List<String> given = request.getUriInfo().getQueryParameters().get(ApiVersion.PARAMETER);
        if (given == null || given.isEmpty() || given.get(0).isBlank()) {
            return ErrorMappers.error(400, "BadParameter", "The 'api-version' parameter is missing.");
        }
        if (given.stream().distinct().count() > 1) {
            return ErrorMappers.error(400, "BadParameter",
                    "The 'api-version' parameter is given more than once, with different values: give one.");
        }
        if (ApiVersion.parse(given.get(0)).isEmpty()) {
            return ErrorMappers.error(400, "BadParameter", "The specified version (" + printable(given.get(0))
                    + ") is not recognized. Consider using the latest supported version (" + ApiVersion.LATEST.wire() + ").");
        }
        return null;
    }

    /** The caller's text goes back into the message: short and without control characters. */
    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
