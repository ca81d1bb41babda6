package io.renewd.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Optional;

/**
 * A path the API has, asked with a method it does not have, is 405 with {@code Allow}, as in Key Vault (the router
 * answers some of these 404); a path it does not have at all stays 404.
 */
public class MethodNotAllowed {

    private final ApiRoutes routes;

    MethodNotAllowed(ApiRoutes routes) {
        this.routes = routes;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, ContainerRequestContext request) {
        return notAllowed(request).orElse(ErrorMappers.error(404, "NotFound", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, ContainerRequestContext request) {
        return notAllowed(request).orElse(ErrorMappers.error(405, "MethodNotAllowed", e.getMessage()));
    }

    private Optional<Response> notAllowed(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        List<String> allowed = routes.methodsAt(path == null ? "/" : path);
        String method = request.getMethod();
        if (allowed.isEmpty() || allowed.contains(method) || method.equals("HEAD") && allowed.contains("GET")) {
            return Optional.empty();
        }
        Response error = ErrorMappers.error(405, "MethodNotAllowed", "method " + method + " is not allowed on "
                + path + "; it allows " + String.join(", ", allowed));
        return Optional.of(Response.fromResponse(error).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build());
    }
}
