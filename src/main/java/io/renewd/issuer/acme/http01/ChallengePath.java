package io.renewd.issuer.acme.http01;

import java.util.Optional;
import java.util.regex.Pattern;

/** The token of an HTTP-01 validation request's path (RFC 8555 section 8.3), if it is one. */
final class ChallengePath {

    static final String PREFIX = "/.well-known/acme-challenge/";

    /** A token is base64url (RFC 8555 section 8.1); anything else is not one of ours. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private ChallengePath() {
    }

    /** {@code path} as sent (not decoded, without the query): a percent-encoded token is no token. */
    static Optional<String> token(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String token = path.substring(PREFIX.length());
        return TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }
}
