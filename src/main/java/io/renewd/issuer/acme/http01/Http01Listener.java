package io.renewd.issuer.acme.http01;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.config.Http01Config;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The plain-HTTP listener CAs reach for HTTP-01 validation (RFC 8555 section 8.3): it answers
 * {@code GET /.well-known/acme-challenge/{token}} from the database, so whichever replica the CA
 * reaches answers, and only to a request for the name the token proves (its Host header).
 * Everything else is 404: the API, health and metrics are never served here. A server of its
 * own rather than a route on Quarkus' HTTP port, which in production serves HTTPS only.
 */
@ApplicationScoped
public class Http01Listener {

    private static final Logger LOG = Logger.getLogger(Http01Listener.class);
    private static final int IDLE_TIMEOUT_SECONDS = 30;
    private static final long START_STOP_SECONDS = 30;

    private final Vertx vertx;
    private final Http01Challenges challenges;
    private final Http01Config config;
    private final Counter answered;
    private final Counter notFound;
    private HttpServer server;

    Http01Listener(Vertx vertx, Http01Challenges challenges, Http01Config config, MeterRegistry registry) {
        this.vertx = vertx;
        this.challenges = challenges;
        this.config = config;
        this.answered = registry.counter("renewd.acme.http01.requests", "result", "answered");
        this.notFound = registry.counter("renewd.acme.http01.requests", "result", "not-found");
    }

    void start(@Observes StartupEvent startup) throws Exception {
        if (!config.enabled()) {
            LOG.info("HTTP-01 listener off (renewd.acme.http01.enabled=false): acme issuers cannot prove names with HTTP-01 here");
            return;
        }
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS))
                .requestHandler(this::handle);
        try {
            server = created.listen(config.port(), config.host()).toCompletionStage().toCompletableFuture()
                    .get(START_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot listen for ACME HTTP-01 requests on " + config.host() + ":" + config.port()
                    + " (renewd.acme.http01.host, renewd.acme.http01.port): " + e.getCause().getMessage(), e.getCause());
        }
        LOG.infof("HTTP-01 listener on http://%s:%d%s", config.host(), server.actualPort(), ChallengePath.PREFIX);
    }

    void stop(@Observes ShutdownEvent shutdown) throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(START_STOP_SECONDS, TimeUnit.SECONDS);
            server = null;
        }
    }

    /** The port the listener is bound to (the actual one when configured as 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the HTTP-01 listener is not running");
        }
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        Optional<String> token = request.method() == HttpMethod.GET ? ChallengePath.token(request.path()) : Optional.empty();
        if (token.isEmpty()) {
            if (request.path() != null && request.path().startsWith(ChallengePath.PREFIX)) {
                notFound.increment();
            }
            request.response().setStatusCode(404).end();
            return;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        // The lookup reads the database: never on the event loop.
        vertx.executeBlocking(() -> challenges.keyAuthorization(token.get(), host), false).onComplete(lookup -> {
            if (lookup.failed()) {
                LOG.warnf("HTTP-01 answer could not be looked up: %s", lookup.cause().toString());
                request.response().setStatusCode(503).end();
            } else if (lookup.result().isPresent()) {
                answered.increment();
                request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(lookup.result().get());
            } else {
                notFound.increment();
                request.response().setStatusCode(404).end();
            }
        });
    }
}
