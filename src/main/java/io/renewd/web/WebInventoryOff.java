package io.renewd.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Without its client the web inventory is off: {@code /ui} then answers a short page saying so (404), before any
 * authentication, instead of the API's bearer-token challenge.
 */
@ApplicationScoped
public class WebInventoryOff {

    /** Before Quarkus's authentication and authorization handlers. */
    private static final int BEFORE_SECURITY = -900;

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Web inventory off · renewd</title></head>
            <body><main><h1>The web inventory is not configured</h1>
            <p>This renewd serves its REST API only. To sign people in at <code>/ui</code>, give it the web inventory's OIDC
            client: <code>QUARKUS_OIDC_WEB_CLIENT_ID</code>, <code>QUARKUS_OIDC_WEB_CREDENTIALS_SECRET</code> and
            <code>QUARKUS_OIDC_WEB_AUTH_SERVER_URL</code> (see docs/configuration.md).</p></main></body></html>
            """;

    void routes(@Observes Router router, WebTenant tenant) {
        if (!tenant.enabled()) {
            Handler<RoutingContext> off = context -> context.response().setStatusCode(404)
                    .putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(PAGE);
            router.route(WebTenant.PATH).order(BEFORE_SECURITY).handler(off);
            router.route(WebTenant.PATH + "/*").order(BEFORE_SECURITY).handler(off);
        }
    }
}
