package io.renewd.web;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the web inventory's requests ({@code /ui} and below) to the OIDC tenant {@value #ID}, which signs people in
 * with the authorization code flow, when it is enabled; every other request, and these when it is not, to the default
 * tenant of the API's bearer tokens, by its id: a null answer would let Quarkus pick a tenant from any path segment, so
 * a vault or certificate named {@value #ID} would be sent to this tenant and its API calls refused.
 */
@ApplicationScoped
public class WebTenant implements TenantResolver {

    public static final String ID = "web";
    public static final String PATH = "/ui";
    /** Quarkus OIDC's id of the default tenant (OidcUtils.DEFAULT_TENANT_ID). */
    static final String DEFAULT = "Default";

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
        return enabled && (path.equals(PATH) || path.startsWith(PATH + "/")) ? ID : DEFAULT;
    }
}
