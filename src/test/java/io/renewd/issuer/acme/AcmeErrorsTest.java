package io.renewd.issuer.acme;

import io.renewd.issuer.IssueResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Order;
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

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AcmeErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final URL CA = url("https://ca.example/acme/");

    private final AcmeErrors errors = new AcmeErrors(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> exceptions() {
        return Stream.of(
                arguments("connection refused", new AcmeNetworkException(new ConnectException()), AcmeErrors.UNAVAILABLE, true, null),
                arguments("timeout", new AcmeNetworkException(new HttpTimeoutException("request timed out")), AcmeErrors.UNAVAILABLE, true, null),
                arguments("untrusted TLS certificate", new AcmeNetworkException(new IOException(untrustedHandshake())),
                        AcmeErrors.UNTRUSTED, false, null),
                arguments("rate limited with Retry-After",
                        new AcmeRateLimitedException(problem("rateLimited", 429), NOW.plusSeconds(90), List.of()),
                        AcmeErrors.RATE_LIMITED, true, Duration.ofSeconds(90)),
                arguments("rate limited, Retry-After already past",
                        new AcmeRateLimitedException(problem("rateLimited", 429), NOW.minusSeconds(5), List.of()),
                        AcmeErrors.RATE_LIMITED, true, Duration.ZERO),
                arguments("rate limited without Retry-After", new AcmeRateLimitedException(problem("rateLimited", 429), null, null),
                        AcmeErrors.RATE_LIMITED, true, null),
                arguments("unauthorized (bad EAB MAC)", new AcmeUnauthorizedException(problem("unauthorized", 403)),
                        AcmeErrors.UNAUTHORIZED, false, null),
                arguments("EAB required", new AcmeServerException(problem("externalAccountRequired", 400)), AcmeErrors.UNAUTHORIZED, false, null),
                arguments("new terms of service", new AcmeUserActionRequiredException(problem("userActionRequired", 403),
                        URI.create("https://ca.example/tos")), AcmeErrors.USER_ACTION_REQUIRED, false, null),
                arguments("rejected identifier", new AcmeServerException(problem("rejectedIdentifier", 400)), AcmeErrors.REJECTED, false, null),
                arguments("unsupported identifier", new AcmeServerException(problem("unsupportedIdentifier", 400)),
                        AcmeErrors.REJECTED, false, null),
                arguments("bad CSR", new AcmeServerException(problem("badCSR", 400)), AcmeErrors.REJECTED, false, null),
                arguments("CAA forbids", new AcmeServerException(problem("caa", 403)), AcmeErrors.REJECTED, false, null),
                arguments("compound of rejections", new AcmeServerException(compound("rejectedIdentifier", "caa")),
                        AcmeErrors.REJECTED, false, null),
                arguments("compound with a server error", new AcmeServerException(compound("rejectedIdentifier", "serverInternal")),
                        AcmeErrors.ISSUER_ERROR, false, null),
                arguments("account unknown to the CA", new AcmeServerException(problem("accountDoesNotExist", 400)),
                        AcmeErrors.ACCOUNT_NOT_FOUND, true, null),
                arguments("CA internal error", new AcmeServerException(problem("serverInternal", 500)), AcmeErrors.UNAVAILABLE, true, null),
                arguments("bad nonce after acme4j's own retries", new AcmeServerException(problem("badNonce", 400)),
                        AcmeErrors.UNAVAILABLE, true, null),
                arguments("malformed request", new AcmeServerException(problem("malformed", 400)), AcmeErrors.ISSUER_ERROR, false, null),
                arguments("unknown problem, 5xx", new AcmeServerException(problem("somethingNew", 503)), AcmeErrors.ISSUER_ERROR, true, null),
                arguments("proxy answers 503 for a CA that is down", new AcmeException("HTTP 503"), AcmeErrors.UNAVAILABLE, true, null),
                arguments("no nonce: 502", new AcmeException("Server responded with HTTP 502 while trying to retrieve a nonce"),
                        AcmeErrors.UNAVAILABLE, true, null),
                arguments("not an ACME server: 404", new AcmeException("HTTP 404"), AcmeErrors.ISSUER_ERROR, false, null),
                arguments("other failure", new AcmeException("Failed to create CSR"), AcmeErrors.ISSUER_ERROR, true, null),
                arguments("unreadable answer", new AcmeProtocolException("Unexpected content type: text/html"),
                        AcmeErrors.ISSUER_ERROR, true, null),
                arguments("feature missing", new AcmeNotSupportedException("newOrder"), AcmeErrors.NOT_SUPPORTED, false, null),
                arguments("lazy loading wraps a network error",
                        new AcmeLazyLoadingException(Order.class, url("https://ca.example/order/1"), new AcmeNetworkException(new ConnectException())),
                        AcmeErrors.UNAVAILABLE, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptions")
    void mapsAcme4jExceptions(String what, Exception exception, String code, boolean retryable, Duration retryAfter) {
        IssueResult.Failed failed = errors.failed(exception);

        assertThat(failed.code()).isEqualTo(code);
        assertThat(failed.retryable()).isEqualTo(retryable);
        assertThat(failed.retryAfter()).isEqualTo(Optional.ofNullable(retryAfter));
        assertThat(failed.message()).isNotBlank();
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                arguments("validation could not connect", Optional.of(problem("connection", 400)), AcmeErrors.ORDER_INVALID, true),
                arguments("wrong key authorization served", Optional.of(problem("unauthorized", 403)), AcmeErrors.ORDER_INVALID, true),
                arguments("no reason given", Optional.empty(), AcmeErrors.ORDER_INVALID, true),
                arguments("CAA forbids", Optional.of(problem("caa", 403)), AcmeErrors.REJECTED, false),
                arguments("name refused", Optional.of(problem("rejectedIdentifier", 400)), AcmeErrors.REJECTED, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void mapsInvalidOrders(String what, Optional<Problem> problem, String code, boolean retryable) {
        IssueResult.Failed failed = errors.invalidOrder(url("https://ca.example/order/7"), problem);

        assertThat(failed.code()).isEqualTo(code);
        assertThat(failed.retryable()).isEqualTo(retryable);
        assertThat(failed.message()).contains("https://ca.example/order/7");
    }

    @Test
    void tellsWhenTheCaNoLongerKnowsTheAccount() {
        assertThat(AcmeErrors.isUnknownAccount(new AcmeServerException(problem("accountDoesNotExist", 400)))).isTrue();
        assertThat(AcmeErrors.isUnknownAccount(new AcmeLazyLoadingException(Order.class, url("https://ca.example/order/1"),
                new AcmeServerException(problem("accountDoesNotExist", 400))))).isTrue();
        assertThat(AcmeErrors.isUnknownAccount(new AcmeUnauthorizedException(problem("unauthorized", 403)))).isFalse();
        assertThat(AcmeErrors.isUnknownAccount(new AcmeNetworkException(new ConnectException()))).isFalse();
    }

    private static Problem problem(String type, int status) {
        return new Problem(JSON.parse("""
                {"type": "urn:ietf:params:acme:error:%s", "detail": "%s happened", "status": %d, "instance": "https://ca.example/help"}"""
                .formatted(type, type, status)), CA);
    }

    private static Problem compound(String... subTypes) {
        String subproblems = String.join(", ", Stream.of(subTypes)
                .map(type -> "{\"type\": \"urn:ietf:params:acme:error:%s\", \"detail\": \"%s\"}".formatted(type, type)).toList());
        return new Problem(JSON.parse("""
                {"type": "urn:ietf:params:acme:error:compound", "detail": "several problems", "status": 400, "subproblems": [%s]}"""
                .formatted(subproblems)), CA);
    }

    private static SSLHandshakeException untrustedHandshake() {
        var handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path to requested target"));
        return handshake;
    }

    private static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
