package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Opens an acme4j session to a directory URL for one attempt. Every session talks through a
 * {@link GuardedHttpClient} that holds it to the directory's host, refuses internal addresses and
 * ends it by the attempt's deadline ({@code renewd.acme.attempt-timeout}); underneath, all sessions
 * share one HTTP client (its connections and threads), made anew only when {@link AcmeTrustStore} changes.
 */
@ApplicationScoped
class AcmeSessions {

    private final AcmeTrustStore trustStore;
    private final AcmeAddresses addresses;
    private final AcmeConfig config;
    private final ScheduledThreadPoolExecutor deadlines;
    private SSLContext sharedContext;
    private HttpClient shared;

    AcmeSessions(AcmeTrustStore trustStore, AcmeAddresses addresses, AcmeConfig config) {
        this.trustStore = trustStore;
        this.addresses = addresses;
        this.config = config;
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "renewd-acme-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** A session whose requests must all be done within {@code renewd.acme.attempt-timeout} from now. */
    Session open(URI directoryUrl) {
        var limits = new GuardedHttpClient.Limits(directoryUrl, System.nanoTime() + config.attemptTimeout().toNanos(),
                config.attemptTimeout(), config.maxResponseSize().asLongValue());
        SSLContext context = trustStore.sslContext();
        Session session = new Session(directoryUrl, new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return new GuardedHttpClient(shared(context, settings.getTimeout()), addresses, limits, deadlines);
            }
        });
        session.networkSettings().setTimeout(config.requestTimeout());
        // The JVM's proxy settings (https.proxyHost, ...) apply, as for any other outbound call.
        session.networkSettings().setProxySelector(ProxySelector.getDefault());
        return session;
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    private synchronized HttpClient shared(SSLContext context, Duration connectTimeout) {
        if (shared == null || sharedContext != context) {
            // A client left behind closes itself once no session uses it any more.
            shared = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .proxy(ProxySelector.getDefault())
                    .sslContext(context)
                    .build();
            sharedContext = context;
        }
        return shared;
    }
}
