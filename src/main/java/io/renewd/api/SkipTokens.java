package io.renewd.api;

import io.renewd.application.Failure;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque {@code $skiptoken}s of paged lists, and the {@code nextLink} that carries one. */
final class SkipTokens {

    private SkipTokens() {
    }

    /** As Key Vault writes it: the same path, {@code $skiptoken} unescaped, and the caller's api-version. */
    static String nextLink(UriInfo uri, String continuation, int maxResults) {
        return nextLink(uri, continuation, maxResults, false);
    }

    /** A list that included pending certificates keeps including them on the pages that follow. */
    static String nextLink(UriInfo uri, String continuation, int maxResults, boolean includePending) {
        String apiVersion = uri.getQueryParameters().getFirst("api-version");
        return Ids.requestUrl(uri) + "?" + (apiVersion == null ? "" : "api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8) + "&")
                + "$skiptoken=" + encode(continuation) + "&maxresults=" + maxResults + (includePending ? "&includePending=true" : "");
    }

    static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Failure.badParameter("$skiptoken is not one renewd issued: follow nextLink as it is");
        }
    }

    static int decodeOffset(String token) {
        String decoded = decode(token);
        if (decoded == null) {
            return 0;
        }
        try {
            return Integer.parseInt(decoded);
        } catch (NumberFormatException e) {
            throw Failure.badParameter("$skiptoken is not one renewd issued: follow nextLink as it is");
        }
    }

    private static String encode(String continuation) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(continuation.getBytes(StandardCharsets.UTF_8));
    }
}
