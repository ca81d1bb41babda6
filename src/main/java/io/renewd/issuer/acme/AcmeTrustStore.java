package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * Which TLS certificates of ACME servers renewd trusts: those of the configured PKCS#12 trust
 * store (read again when the file changes, as a rotated Kubernetes secret does), or the JDK's
 * default trust when none is configured. Applies to ACME connections only, never JVM-wide.
 */
@ApplicationScoped
class AcmeTrustStore {

    private record Loaded(FileTime modified, long size, SSLContext context) {
    }

    private final Optional<Path> path;
    private final char[] password;
    private Loaded loaded;

    AcmeTrustStore(AcmeConfig config) {
        this.path = config.trustStore();
        this.password = config.trustStorePassword().map(String::toCharArray).orElse(null);
    }

    /** The context to connect with now; the same instance until the trust store file changes. */
    synchronized SSLContext sslContext() {
        try {
            if (path.isEmpty()) {
                return SSLContext.getDefault();
            }
            BasicFileAttributes file = Files.readAttributes(path.get(), BasicFileAttributes.class);
            if (loaded == null || !loaded.modified().equals(file.lastModifiedTime()) || loaded.size() != file.size()) {
                loaded = new Loaded(file.lastModifiedTime(), file.size(), load(path.get()));
            }
            return loaded.context();
        } catch (IOException | GeneralSecurityException e) {
            throw AcmeRefusal.misconfigured("cannot read the ACME trust store " + path.orElseThrow()
                    + " (renewd.acme.trust-store): " + e.getMessage());
        }
    }

    private SSLContext load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
