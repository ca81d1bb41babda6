package io.renewd.api.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Why a request was not let in, in words a caller can act on and as a short code for the
 * metrics. Built from the token verifier's error codes, never from its messages: those quote
 * the token's claims.
 */
final class TokenRefusals {

    /** A refusal: {@code code} names it in metrics, {@code message} tells the caller. */
    record Refusal(String code, String message) {
    }

    private TokenRefusals() {
    }

    static Refusal of(String authorization, Throwable failure) {
        if (authorization == null || authorization.isBlank()) {
            return new Refusal("no-token", "the request has no bearer token: send 'Authorization: Bearer <token>'");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Refusal("not-bearer", "the Authorization header is not a bearer token: send 'Authorization: Bearer <token>'");
        }
        InvalidJwtException invalid = cause(failure, InvalidJwtException.class);
        if (invalid == null) {
            return new Refusal("invalid", "the bearer token is not valid");
        }
        if (invalid.hasExpired()) {
            return new Refusal("expired", "the bearer token has expired");
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return new Refusal("not-yet-valid", "the bearer token is not valid yet");
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return new Refusal("other-issuer", "the bearer token is not from renewd's token issuer");
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return new Refusal("other-audience", "the bearer token is not for renewd's audience");
        }
        // A key the issuer does not publish (another issuer's, or one it removed): the signature cannot verify.
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)
                || cause(failure, UnresolvableKeyException.class) != null) {
            return new Refusal("bad-signature", "the bearer token's signature does not verify with the issuer's keys");
        }
        if (cause(failure, JoseException.class) != null) {
            return new Refusal("malformed", "the bearer token is not a well-formed JWT");
        }
        return new Refusal("invalid", "the bearer token is not valid");
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
