package io.renewd.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.renewd.config.ApiConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses request bodies above renewd's limits before anything reads them, with 413 and Key
 * Vault's error body naming the limit: {@code renewd.api.max-body-size} for every request but a
 * restore, which may be as large as {@code quarkus.http.limits.max-body-size} (a backup holds all
 * versions of a certificate). Quarkus checks its own limit right after this handler and would
 * answer with an empty 413; this handler answers first, in Key Vault's shape.
 * <p>
 * A body whose size is declared ({@code Content-Length}) is refused before it is read. Others
 * (chunked) are read here, up to the limit, and handed on in memory; over HTTP/2, Quarkus REST reads
 * them itself, within the same limit (it refuses more by closing the connection). The rest of a refused body
 * is read and dropped, up to {@link #MAX_DRAIN} beyond the limit, so the client reads the answer
 * instead of a reset connection; a larger body, or one still arriving after {@link #DRAIN_MILLIS},
 * costs the client its connection.
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Before Quarkus' own check of quarkus.http.limits.max-body-size (route order -2). */
    static final int ROUTE_ORDER = -3;
    /** After Quarkus' check, which sets its own limit for a body of undeclared size under {@link #QUARKUS_STREAM_LIMIT_KEY}. */
    static final int STREAM_LIMIT_ORDER = -1;
    /** Where Quarkus REST finds the most it reads of a body of undeclared size. */
    static final String QUARKUS_STREAM_LIMIT_KEY = "io.quarkus.max-request-size";
    /**
     * Like Tomcat's maxSwallowSize: how much more than the limit a refused body may have and still be read and dropped
     * before the connection is closed. Dropping costs no memory; a larger body costs its client the connection.
     */
    static final long MAX_DRAIN = 8L << 20;
    static final long DRAIN_MILLIS = 10_000;
    static final String CODE = "RequestTooLarge";

    private static final Logger LOG = Logger.getLogger(RequestBodyLimit.class);
    // Path and vault-host addressing (VaultHostRouting rewrites the path only after this check).
    private static final Pattern RESTORE = Pattern.compile("^(/vaults/[^/]+)?/certificates/restore/?$");
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final String LIMIT_KEY = RequestBodyLimit.class.getName() + ".limit";

    private final long apiLimit;
    private final long restoreLimit;
    private final BodyHandler apiBodies;
    private final BodyHandler restoreBodies;

    RequestBodyLimit(ApiConfig config,
                     @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> quarkusLimit) {
        this.restoreLimit = quarkusLimit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.apiLimit = Math.min(config.maxBodySize().asLongValue(), restoreLimit);
        this.apiBodies = BodyHandler.create(false).setBodyLimit(apiLimit);
        this.restoreBodies = BodyHandler.create(false).setBodyLimit(restoreLimit == Long.MAX_VALUE ? -1 : restoreLimit);
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::check).failureHandler(this::bodyTooLarge);
        router.route().order(STREAM_LIMIT_ORDER).handler(this::streamLimit);
    }

    /**
     * The limit of a body REST reads as it arrives (HTTP/2 without Content-Length), in place of Quarkus' own. Quarkus
     * REST refuses such a body beyond it by closing the connection, without Key Vault's error body.
     */
    private void streamLimit(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() == HttpVersion.HTTP_2 && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && context.get(LIMIT_KEY) instanceof Long limit) {
            context.put(QUARKUS_STREAM_LIMIT_KEY, limit);
        }
        context.next();
    }

    /** The largest restore body, in bytes. */
    long restoreLimit() {
        return restoreLimit;
    }

    /** The limit of a request path, in bytes. */
    long limitFor(String path) {
        return path != null && RESTORE.matcher(path).find() ? restoreLimit : apiLimit;
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long limit = limitFor(request.path());
        context.put(LIMIT_KEY, limit);
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            if (!WITH_BODY.contains(request.method())) {
                context.next();
                return;
            }
            if (request.version() == HttpVersion.HTTP_2) {
                // Quarkus REST pauses the request it is handed, which Vert.x refuses once an HTTP/2 request has ended
                // (a body read here, or no body at all): REST reads the body itself, within the limit (streamLimit).
                context.next();
                return;
            }
            // No declared size (chunked HTTP/1.1): read the body here, within the limit; BodyHandler fails with 413 beyond it.
            (limit == restoreLimit ? restoreBodies : apiBodies).handle(context);
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            context.next(); // Vert.x has refused a malformed Content-Length already; nothing to measure
            return;
        }
        if (length > limit) {
            refuse(context, limit, length);
            return;
        }
        context.next();
    }

    private void bodyTooLarge(RoutingContext context) {
        Object limit = context.get(LIMIT_KEY);
        if (context.statusCode() == 413 && limit instanceof Long bytes && !context.response().ended()) {
            refuse(context, bytes, -1);
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, long limit, long declared) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        LOG.infof("%s %s -> 413 (body %s, over the limit of %s)", request.method(), request.path(),
                declared >= 0 ? declared + " bytes" : "larger", size(limit));
        String message = (declared >= 0 ? "the request body has " + declared + " bytes" : "the request body is larger than that")
                + "; renewd accepts request bodies of at most " + size(limit) + " (" + limit + " bytes) for this operation";
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
        boolean expectsContinue = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        if (expectsContinue || declared > limit + MAX_DRAIN || request.isEnded()) {
            // The client waits before sending (100-continue), or the body is not worth reading: no lingering.
            // Vert.x keeps a connection open unless the request asked otherwise, so it is closed here
            // (HTTP/2 has no Connection header: its clients see the connection go away).
            if (request.version() != HttpVersion.HTTP_2) {
                response.putHeader(HttpHeaders.CONNECTION, "close");
            }
            response.endHandler(v -> request.connection().close());
        } else {
            drain(context, limit + MAX_DRAIN);
        }
        response.end(new JsonObject().put("error", new JsonObject().put("code", CODE).put("message", message)).encode());
    }

    /** Reads and drops the rest of the body so the answer is read; closes the connection if that takes too much. */
    private static void drain(RoutingContext context, long maxDrain) {
        HttpServerRequest request = context.request();
        long[] dropped = {0};
        long timer = context.vertx().setTimer(DRAIN_MILLIS, id -> {
            if (!request.isEnded()) {
                request.connection().close();
            }
        });
        request.exceptionHandler(e -> context.vertx().cancelTimer(timer));
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxDrain) {
                context.vertx().cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(v -> context.vertx().cancelTimer(timer));
        request.resume();
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
