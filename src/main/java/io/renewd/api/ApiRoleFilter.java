package io.renewd.api;

import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * A process without the {@code api} role answers no API request (health and metrics live
 * outside the REST API and stay up), so a load balancer only routes to API processes.
 */
@Provider
@PreMatching
public class ApiRoleFilter implements ContainerRequestFilter {

    private final ProcessRoles roles;

    ApiRoleFilter(ProcessRoles roles) {
        this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!roles.runs(Role.API)) {
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(KeyVaultError.of("ServiceUnavailable", "this renewd process does not serve the API (renewd.roles)")).build());
        }
    }
}
