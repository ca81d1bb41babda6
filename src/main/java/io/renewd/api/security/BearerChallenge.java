package io.renewd.api.security;

import io.renewd.config.SecurityConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers an unauthenticated request the way Key Vault does, so Key Vault clients (the Azure
 * SDK) learn where to get a token: {@code WWW-Authenticate: Bearer authorization="…", resource="…"}.
 */
@ApplicationScoped
public class BearerChallenge {

    private final SecurityConfig config;

    BearerChallenge(SecurityConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        String challenge = "Bearer authorization=\"" + config.authority() + "\", resource=\"" + config.resource() + "\"";
        // First of all routes, so the header is set whichever part of Quarkus answers 401.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 401) {
                    context.response().headers().set("WWW-Authenticate", challenge);
                }
            });
            context.next();
        });
    }
}
