package io.renewd.api.security;

import io.renewd.api.KeyVaultError;
import io.renewd.application.security.AccessPolicies;
import io.renewd.application.security.CallerIdentity;
import io.renewd.config.SecurityConfig;
import io.renewd.domain.security.Authorization;
import io.renewd.domain.security.Caller;
import io.renewd.domain.security.Permission;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Optional;

/**
 * Checks every API operation against its rule ({@link OperationRules}) and the vault's access
 * policies before it runs; a refusal is 403 naming the missing permission. Authentication
 * itself (a valid bearer token) is checked before, by Quarkus OIDC.
 */
public class AuthorizationFilter {

    /** The request property holding the operation's rule, for the audit trail. */
    public static final String RULE = "renewd.operation-rule";

    private final CallerIdentity identity;
    private final AccessPolicies accessPolicies;
    private final SecurityConfig config;

    AuthorizationFilter(CallerIdentity identity, AccessPolicies accessPolicies, SecurityConfig config) {
        this.identity = identity;
        this.accessPolicies = accessPolicies;
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> authorize(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!isApi(resource.getResourceClass())) {
            // The web inventory's pages (signed in through their own OIDC tenant) check the same permissions themselves.
            return Optional.empty();
        }
        Optional<OperationRule> rule = OperationRules.of(resource.getResourceClass(), resource.getMethodName());
        if (rule.isEmpty()) {
            return Optional.of(forbidden("this operation has no access rule and is refused"));
        }
        request.setProperty(RULE, rule.get());
        Caller caller = identity.caller();
        return switch (rule.get()) {
            case OperationRule.Authenticated authenticated -> Optional.empty();
            case OperationRule.GlobalAdministrator admin -> isAdministrator(caller) ? Optional.empty()
                    : Optional.of(forbidden("principal '" + caller.subject() + "' is not in an administrator group (renewd.security.admin-groups)"));
            case OperationRule.SetVault setVault -> {
                // One refusal whether or not the vault exists: a PUT tells nobody which vault names are taken.
                String vault = vaultOf(request);
                yield isAdministrator(caller) || holds(caller, setVault.permission(), vault) ? Optional.empty()
                        : Optional.of(forbidden("principal '" + caller.subject() + "' may not create or change vault '" + vault
                                + "': creating a vault needs an administrator group (renewd.security.admin-groups), changing one needs "
                                + "certificate permission '" + setVault.permission().wireName() + "' on it"));
            }
            case OperationRule.InVault inVault -> refusal(caller, inVault.permission(), vaultOf(request));
        };
    }

    private static boolean isApi(Class<?> resource) {
        return resource.getPackageName().equals(KeyVaultError.class.getPackageName());
    }

    private Optional<Response> refusal(Caller caller, Permission needed, String vault) {
        return holds(caller, needed, vault) ? Optional.empty()
                : Optional.of(forbidden("principal '" + caller.subject() + "' does not have certificate permission '"
                        + needed.wireName() + "' on vault '" + vault + "'"));
    }

    private boolean holds(Caller caller, Permission permission, String vault) {
        return Authorization.effective(caller, accessPolicies.of(vault), config.adminGroups()).contains(permission);
    }

    private static String vaultOf(ContainerRequestContext request) {
        return request.getUriInfo().getPathParameters().getFirst("vault");
    }

    private boolean isAdministrator(Caller caller) {
        return Authorization.isAdministrator(caller, config.adminGroups());
    }

    private static Response forbidden(String message) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(KeyVaultError.of("Forbidden", message)).build();
    }
}
