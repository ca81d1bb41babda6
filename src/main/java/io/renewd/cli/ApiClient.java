package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * renewd's REST API for one vault, over HTTP/2 (HTTP/1.1 where the server offers only that). Key Vault's routes get
 * {@code api-version}; an answer that is not a success becomes a {@link CliFailure} naming the API's error code and message.
 */
final class ApiClient {

    static final String API_VERSION = "7.6";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Whether a route is Key Vault's (needs api-version) or renewd's own. */
    enum Route { KEY_VAULT, RENEWD }

    private final URI server;
    private final String vault;
    private final TokenSource tokens;
    private final HttpClient http;

    ApiClient(URI server, String vault, TokenSource tokens, SSLContext tls) {
        this.server = server;
        this.vault = vault;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String vault() {
        return vault;
    }

    JsonNode get(Route route, String path) {
        return send("GET", route, path, null);
    }

    /** Every item of a paged list ({@code value}, following {@code nextLink}), as one {@code {"value": [...]}}. */
    ObjectNode list(Route route, String pathAndQuery) {
        ArrayNode all = JSON.createArrayNode();
        URI next = uri(route, pathAndQuery);
        while (next != null) {
            JsonNode page = exchange("GET", next, null);
            page.path("value").forEach(all::add);
            String link = page.path("nextLink").asText(null);
            // The link is followed on the server renewctl was given, whatever host renewd wrote into it.
            next = link == null || link.isEmpty() ? null : onServer(URI.create(link));
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("value", all);
        return result;
    }

    JsonNode send(String method, Route route, String pathAndQuery, JsonNode body) {
        return exchange(method, uri(route, pathAndQuery), body);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(Route route, String pathAndQuery) {
        String path = "/vaults/" + segment(vault) + (pathAndQuery.isEmpty() ? "" : "/" + pathAndQuery);
        if (route == Route.KEY_VAULT) {
            path += (path.contains("?") ? "&" : "?") + "api-version=" + API_VERSION;
        }
        return URI.create(server + path);
    }

    /** The token goes to the server renewctl was given only, whatever host a nextLink names. */
    private URI onServer(URI link) {
        return URI.create(server.getScheme() + "://" + server.getRawAuthority() + link.getRawPath()
                + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
    }

    private JsonNode exchange(String method, URI uri, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + tokens.token())
                .header("Accept", "application/json")
                .header("User-Agent", "renewctl");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (SSLException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "TLS with " + server + " failed: " + e.getMessage()
                    + " (a private CA? give it with --cacert FILE)", e);
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "no answer from " + server + " within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "cannot connect to renewd at " + server + ": "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + " (give the server with --server or RENEWD_URL)", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "calling renewd at " + server + " failed: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body(), uri);
        }
        throw failure(method, uri, status, response.body());
    }

    private static JsonNode parse(String body, URI uri) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "renewd's answer to " + uri.getPath() + " is not JSON: " + e.getMessage());
        }
    }

    /** "not found (HTTP 404 CertificateNotFound): vault 'team-a' has no certificate 'web'". */
    static CliFailure failure(String method, URI uri, int status, String body) {
        ExitCode code = ExitCode.forHttpStatus(status);
        String what = switch (code) {
            case NOT_AUTHENTICATED -> "not authenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not found";
            case REJECTED -> status == 409 ? "conflict" : "rejected";
            default -> "server error";
        };
        String errorCode = null;
        String message = null;
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
            errorCode = error.path("code").asText(null);
            message = error.path("message").asText(null);
        } catch (IOException notJson) {
            // Not Key Vault's error shape (a proxy's page): the status alone is said.
        }
        String detail = message != null ? ": " + message : ": " + method + " " + uri.getPath() + " answered " + status;
        return new CliFailure(code, what + " (HTTP " + status + (errorCode != null ? " " + errorCode : "") + ")" + detail);
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
