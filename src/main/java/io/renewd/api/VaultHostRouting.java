package io.renewd.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * A request to a vault's own host name ({@code renewd.api.vault-host}) is the same request under
 * {@code /vaults/<vault>}: {@code GET https://team-a.vault.example.com/certificates/web/} is
 * {@code GET /vaults/team-a/certificates/web/}. Runs before every other filter, so request logs,
 * role checks and authentication see the vault's path. Collections match in any case ({@link PathSegmentCase}).
 */
public class VaultHostRouting {

    /** Key Vault's collections, the first path segment of a vault-host request. */
    static final Set<String> COLLECTIONS = Set.of("certificates", "deletedcertificates", "secrets", "keys");

    private final VaultHosts hosts;

    VaultHostRouting(VaultHosts hosts) {
        this.hosts = hosts;
    }

    @ServerRequestFilter(preMatching = true, priority = 10)
    public void route(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        hosts.vaultOf(uri.getHost()).ifPresent(vault -> {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String first = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : "";
            if (COLLECTIONS.contains(first.toLowerCase(Locale.ROOT))) {
                request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/vaults/" + vault + path
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
            }
        });
    }
}
