package io.renewd.issuer.acme;

import io.renewd.issuer.IssueResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;
import org.shredzone.acme4j.toolbox.JSON;

import java.net.URL;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what acme4j throws, and orders a CA declared invalid, into the issuer's answer: a stable
 * code, whether trying again may succeed without a person acting, and the CA's Retry-After.
 */
@ApplicationScoped
class AcmeErrors {

    static final String UNAVAILABLE = "IssuerUnavailable";
    static final String UNTRUSTED = "IssuerUntrusted";
    static final String RATE_LIMITED = IssueResult.Failed.RATE_LIMITED;
    static final String UNAUTHORIZED = "Unauthorized";
    static final String USER_ACTION_REQUIRED = "UserActionRequired";
    static final String REJECTED = "Rejected";
    static final String ACCOUNT_NOT_FOUND = "AccountNotFound";
    static final String ORDER_INVALID = "OrderInvalid";
    static final String NOT_SUPPORTED = "NotSupported";
    static final String MISCONFIGURED = "Misconfigured";
    static final String ISSUER_ERROR = "IssuerError";

    private static final String ERROR_PREFIX = "urn:ietf:params:acme:error:";
    /** Problems saying the CA will not certify these names or this CSR: asking again changes nothing. */
    private static final Set<String> REFUSALS = Set.of("rejectedIdentifier", "unsupportedIdentifier", "badCSR", "caa",
            "badSignatureAlgorithm", "invalidContact", "unsupportedContact");
    /** Problems of the CA's own making, or of the moment. */
    private static final Set<String> TRANSIENT = Set.of("serverInternal", "badNonce");
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP (\\d{3})");

    private final Clock clock;

    AcmeErrors(Clock clock) {
        this.clock = clock;
    }

    /** The answer for an exception thrown by acme4j. */
    IssueResult.Failed failed(Exception exception) {
        Optional<AcmeGuardViolation> guard = AcmeGuardViolation.in(exception);
        if (guard.isPresent()) {
            return guard.get().failed();
        }
        return switch (exception) {
            case AcmeLazyLoadingException lazy -> lazy.getCause() instanceof AcmeException cause ? failed(cause)
                    : failure(ISSUER_ERROR, "the ACME request failed: " + lazy.getMessage(), true);
            case AcmeNetworkException network -> network(network);
            case AcmeRateLimitedException limited -> new IssueResult.Failed(RATE_LIMITED,
                    "the ACME server refuses more requests for now: " + limited.getMessage(), true,
                    limited.getRetryAfter().map(this::fromNow));
            case AcmeUnauthorizedException unauthorized -> failure(UNAUTHORIZED,
                    "the ACME server refused this account or its External Account Binding: " + unauthorized.getMessage(), false);
            case AcmeUserActionRequiredException action -> failure(USER_ACTION_REQUIRED,
                    "the ACME server asks a person to act (for example to accept new terms of service): " + action, false);
            case AcmeServerException server -> problem(server.getProblem());
            case AcmeNotSupportedException unsupported -> failure(NOT_SUPPORTED,
                    "the ACME server does not offer what renewd needs: " + unsupported.getMessage(), false);
            case AcmeProtocolException protocol -> failure(ISSUER_ERROR,
                    "the ACME server answered something renewd cannot read: " + protocol.getMessage(), true);
            case AcmeException other -> httpError(other);
            default -> throw new IllegalArgumentException("not an acme4j exception: " + exception.getClass().getName(), exception);
        };
    }

    /**
     * The answer for an order the CA declared invalid (usually a failed validation). A new order
     * may well succeed (the HTTP-01 endpoint was unreachable for a moment), unless the CA refused
     * the names themselves.
     */
    IssueResult.Failed invalidOrder(URL order, Optional<Problem> problem) {
        String message = "the ACME order " + order + " is invalid: " + problem.map(Problem::toString).orElse("the CA gave no reason");
        boolean refused = problem.map(AcmeErrors::isRefusal).orElse(false);
        return refused ? failure(REJECTED, message, false) : failure(ORDER_INVALID, message, true);
    }

    /** True when the exception says the CA no longer knows the account (a CA whose data was reset). */
    static boolean isUnknownAccount(Exception exception) {
        Throwable cause = exception instanceof AcmeLazyLoadingException lazy ? lazy.getCause() : exception;
        return cause instanceof AcmeServerException server && "accountDoesNotExist".equals(type(server.getProblem()));
    }

    private IssueResult.Failed network(AcmeNetworkException exception) {
        // A certificate the trust store does not accept will not become trusted by waiting.
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return failure(UNTRUSTED, "the ACME server's TLS certificate is not trusted (" + describe(cause)
                        + "); a private CA belongs in renewd.acme.trust-store", false);
            }
        }
        return failure(UNAVAILABLE, "cannot reach the ACME server: " + describe(exception.getCause()), true);
    }

    /** An error status without a problem document: a proxy or load balancer in front of a CA that is down, say. */
    private static IssueResult.Failed httpError(AcmeException exception) {
        // acme4j 4 words these "HTTP 503" or "Server responded with HTTP 503 while trying to retrieve a nonce".
        Matcher status = HTTP_STATUS.matcher(String.valueOf(exception.getMessage()));
        int code = status.find() ? Integer.parseInt(status.group(1)) : 0;
        if (code >= 500) {
            return failure(UNAVAILABLE, "the ACME server is not available: " + exception.getMessage(), true);
        }
        // A 4xx without a problem document: most likely a directory URL that is not an ACME server.
        return failure(ISSUER_ERROR, "the ACME request failed: " + exception.getMessage(), code < 400);
    }

    private IssueResult.Failed problem(Problem problem) {
        String type = type(problem);
        String detail = "the ACME server refused the request: " + problem;
        if (isRefusal(problem)) {
            return failure(REJECTED, detail, false);
        }
        return switch (type) {
            case "externalAccountRequired" -> failure(UNAUTHORIZED,
                    "the ACME server requires External Account Binding: give the issuer credentials (key id and HMAC key)", false);
            case "accountDoesNotExist" -> failure(ACCOUNT_NOT_FOUND,
                    "the ACME server no longer knows renewd's account; the next attempt registers a new one", true);
            default -> failure(TRANSIENT.contains(type) ? UNAVAILABLE : ISSUER_ERROR, detail,
                    TRANSIENT.contains(type) || status(problem).map(code -> code >= 500).orElse(true));
        };
    }

    private static boolean isRefusal(Problem problem) {
        String type = type(problem);
        if ("compound".equals(type)) {
            return !problem.getSubProblems().isEmpty() && problem.getSubProblems().stream().allMatch(AcmeErrors::isRefusal);
        }
        return REFUSALS.contains(type);
    }

    /** The problem type without the ACME namespace ({@code rejectedIdentifier}); other namespaces stay whole. */
    private static String type(Problem problem) {
        String type = problem.getType().toString();
        return type.startsWith(ERROR_PREFIX) ? type.substring(ERROR_PREFIX.length()) : type;
    }

    private static Optional<Integer> status(Problem problem) {
        return problem.asJSON().get("status").map(JSON.Value::asInt);
    }

    private Duration fromNow(Instant instant) {
        Duration wait = Duration.between(clock.instant(), instant);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static IssueResult.Failed failure(String code, String message, boolean retryable) {
        return new IssueResult.Failed(code, message, retryable, Optional.empty());
    }

    private static String describe(Throwable throwable) {
        // java.net.http often throws without a message (a refused connection is a bare ConnectException).
        return throwable.getMessage() == null ? throwable.getClass().getSimpleName()
                : throwable.getClass().getSimpleName() + ": " + throwable.getMessage();
    }
}
