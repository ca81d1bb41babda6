package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Opens an acme4j session to a directory URL for one call. All sessions share one HTTP client
 * (its connections and threads), made anew only when {@link AcmeTrustStore} changes.
 */
@ApplicationScoped
class AcmeSessions {

    private final AcmeTrustStore trustStore;
    private final Duration timeout;
    private TrustingProvider provider;

    AcmeSessions(AcmeTrustStore trustStore, AcmeConfig config) {
        this.trustStore = trustStore;
        this.timeout = config.requestTimeout();
    }

    Session open(URI directoryUrl) {
        Session session = new Session(directoryUrl, provider(trustStore.sslContext()));
        session.networkSettings().setTimeout(timeout);
        // The JVM's proxy settings (https.proxyHost, ...) apply, as for any other outbound call.
        session.networkSettings().setProxySelector(ProxySelector.getDefault());
        return session;
    }

    private synchronized TrustingProvider provider(SSLContext context) {
        if (provider == null || provider.context != context) {
            // A client left behind closes itself once no session uses it any more.
            provider = new TrustingProvider(context);
        }
        return provider;
    }

    /** acme4j's provider for any http(s) directory URL, with an HTTP client that trusts {@code context}. */
    private static final class TrustingProvider extends GenericAcmeProvider {

        private final SSLContext context;
        private HttpClient client;

        TrustingProvider(SSLContext context) {
            this.context = context;
        }

        @Override
        public synchronized HttpClient createHttpClient(NetworkSettings settings) {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(settings.getTimeout())
                        .proxy(settings.getProxySelector())
                        .sslContext(context)
                        .build();
            }
            return client;
        }
    }
}
