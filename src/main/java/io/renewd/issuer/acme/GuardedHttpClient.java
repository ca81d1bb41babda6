package io.renewd.issuer.acme;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP client acme4j uses for one attempt, in front of the shared one: every URL must be
 * https on the directory's host and port, and that host must not resolve to an internal address
 * (checked before each request, so a DNS change since the issuer was set counts); redirects are
 * followed only on that host; every request and answer ends by the attempt's deadline, and no
 * answer is read past the size limit.
 */
final class GuardedHttpClient extends HttpClient {

    /** What one attempt may do. */
    record Limits(URI directory, long deadlineNanos, Duration attemptTimeout, long maxResponseBytes) {
    }

    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient delegate;
    private final AcmeAddresses addresses;
    private final Limits limits;
    private final ScheduledExecutorService timer;

    GuardedHttpClient(HttpClient delegate, AcmeAddresses addresses, Limits limits, ScheduledExecutorService timer) {
        this.delegate = delegate;
        this.addresses = addresses;
        this.limits = limits;
        this.timer = timer;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            requireAllowed(current.uri());
            HttpResponse<T> response = exchange(current, handler);
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            URI target = current.uri().resolve(location.get());
            if (!sameOrigin(target)) {
                discard(response);
                throw AcmeGuardViolation.refused("the ACME server redirected " + current.uri() + " to " + target
                        + ", away from its directory's host " + origin(limits.directory()) + ": renewd follows no redirect to another host");
            }
            // acme4j's own requests are POSTs signed for their URL: a redirect of one is the CA's error to report.
            if (!current.method().equals("GET") && !current.method().equals("HEAD")) {
                return response;
            }
            discard(response);
            if (hop == MAX_REDIRECTS) {
                throw AcmeGuardViolation.refused("the ACME server redirected " + request.uri() + " more than " + MAX_REDIRECTS + " times");
            }
            current = HttpRequest.newBuilder(current, (name, value) -> true).uri(target).build();
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    private void requireAllowed(URI uri) throws AcmeGuardViolation {
        if (!sameOrigin(uri)) {
            throw AcmeGuardViolation.refused("the ACME server sent renewd to " + uri + ", which is not on its directory's host "
                    + origin(limits.directory()) + ": renewd only follows an ACME server's URLs on the host of its directory");
        }
        Optional<String> refusal = addresses.refusal(uri);
        if (refusal.isPresent()) {
            throw AcmeGuardViolation.refused(refusal.get());
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        long remaining = limits.deadlineNanos() - System.nanoTime();
        if (remaining <= 0) {
            throw pastDeadline(request);
        }
        CompletableFuture<HttpResponse<T>> response = delegate.sendAsync(request,
                info -> new LimitedBody<>(handler.apply(info), request));
        try {
            return response.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw pastDeadline(request);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private AcmeGuardViolation pastDeadline(HttpRequest request) {
        return AcmeGuardViolation.limit("the ACME server had not answered " + request.method() + " " + request.uri()
                + " by the end of the attempt (renewd.acme.attempt-timeout " + limits.attemptTimeout() + "); the next attempt tries again");
    }

    private boolean sameOrigin(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) && origin(uri).equals(origin(limits.directory()));
    }

    private static String origin(URI uri) {
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream body) {
            try {
                body.close();
            } catch (IOException e) {
                // Closing only frees the connection; nothing is lost.
            }
        }
    }

    /** Passes an answer on while it stays under the size limit and the attempt's deadline; otherwise cuts it off with the reason. */
    private final class LimitedBody<T> implements HttpResponse.BodySubscriber<T> {

        private final HttpResponse.BodySubscriber<T> body;
        private final HttpRequest request;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile ScheduledFuture<?> deadline;
        private long received;

        LimitedBody(HttpResponse.BodySubscriber<T> body, HttpRequest request) {
            this.body = body;
            this.request = request;
        }

        @Override
        public CompletionStage<T> getBody() {
            return body.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            long remaining = Math.max(0, limits.deadlineNanos() - System.nanoTime());
            deadline = timer.schedule(() -> fail(pastDeadline(request)), remaining, TimeUnit.NANOSECONDS);
            body.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (finished.get()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > limits.maxResponseBytes()) {
                fail(AcmeGuardViolation.limit("the ACME server's answer to " + request.method() + " " + request.uri()
                        + " is larger than " + limits.maxResponseBytes() + " bytes (renewd.acme.max-response-size); the next attempt tries again"));
                return;
            }
            body.onNext(buffers);
        }

        @Override
        public void onError(Throwable error) {
            if (finish()) {
                body.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (finish()) {
                body.onComplete();
            }
        }

        private void fail(AcmeGuardViolation violation) {
            if (finish()) {
                subscription.cancel();
                body.onError(violation);
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> timeout = deadline;
            if (timeout != null) {
                timeout.cancel(false);
            }
            return true;
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
