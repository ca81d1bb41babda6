package io.renewd.web;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the web inventory's requests ({@code /ui} and below) to the OIDC tenant {@value #ID}, which signs people in
 * with the authorization code flow, when it is enabled; every other request, and these when it is not, to the default
 * tenant of the API's bearer tokens.
 */
@ApplicationScoped
public class WebTenant implements TenantResolver {

    public static final String ID = "web";
    public static final String PATH = "/ui";

    private final boolean enabled;

    WebTenant(@ConfigProperty(name = "quarkus.oidc.web.tenant-enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the web inventory signs people in (its client is configured, {@link WebTenantDefault}). */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        return enabled && (path.equals(PATH) || path.startsWith(PATH + "/")) ? ID : null;
    }
}
