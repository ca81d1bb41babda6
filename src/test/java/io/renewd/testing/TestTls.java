package io.renewd.testing;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.PemCodec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * renewd's HTTPS certificate in tests: a self-signed server certificate for localhost,
 * *.vault.localhost, 127.0.0.1 and ::1, written as the PEM files renewd reads
 * ({@code quarkus.http.ssl.certificate.files} / {@code key-files}, as a Kubernetes TLS Secret
 * is mounted), and clients that trust exactly it (hostname checks stay on).
 */
public final class TestTls {

    /**
     * The domain under which each vault has its own host name in tests ({@code <vault>.vault.localhost},
     * resolved to the loopback address by {@link LocalhostResolver}); the certificate covers it with a wildcard.
     */
    public static final String VAULT_DOMAIN = "vault.localhost";

    /** The certificate and its files; one per test JVM. */
    public record ServerCertificate(X509Certificate certificate, Path certificateFile, Path keyFile) {

        /** A trust store holding only this certificate. */
        public KeyStore trustStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("renewd-test", certificate);
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A TLS context for clients that trusts this certificate and nothing else. */
        public SSLContext clientContext() {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The settings that make renewd serve HTTPS with this certificate. */
        public java.util.Map<String, String> quarkusConfig() {
            return java.util.Map.of(
                    "quarkus.http.ssl.certificate.files", certificateFile.toString(),
                    "quarkus.http.ssl.certificate.key-files", keyFile.toString());
        }
    }

    private TestTls() {
    }

    /**
     * The certificate of this test JVM. Quarkus loads test classes in more than one class
     * loader, so the state is JVM-wide (a system property and files under target/), not a static
     * field: the profile that configures renewd and the test that calls it see the same key.
     */
    public static ServerCertificate localhost() {
        synchronized (System.getProperties()) {
            Path dir = Path.of("target", "test-tls", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
            Path certificateFile = dir.resolve("tls.crt");
            Path keyFile = dir.resolve("tls.key");
            try {
                if (!Files.exists(certificateFile)) {
                    create(dir, certificateFile, keyFile);
                }
                X509Certificate certificate = PemCodec.readCertificates(Files.readString(certificateFile)).get(0);
                return new ServerCertificate(certificate, certificateFile, keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A TCP port nobody listened on when first asked, the same for every later call with this
     * name in this JVM (test profiles are read more than once, in more than one class loader).
     */
    public static int port(String name) {
        synchronized (System.getProperties()) {
            String key = "renewd-test.port." + name;
            String port = System.getProperty(key);
            if (port == null) {
                port = String.valueOf(FreePorts.next());
                System.setProperty(key, port);
            }
            return Integer.parseInt(port);
        }
    }

    private static void create(Path dir, Path certificateFile, Path keyFile) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        var template = new CertificateTemplate("CN=localhost",
                new SubjectAlternativeNames(List.of("localhost", "*." + VAULT_DOMAIN), null, null, List.of("127.0.0.1", "::1")),
                Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of("1.3.6.1.5.5.7.3.1"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), false, null);
        X509Certificate certificate = CertificateIssuance.selfSigned(key, template);
        Files.createDirectories(dir);
        // The key first, the certificate last: the certificate file's existence means both are complete.
        Files.writeString(keyFile, PemCodec.writePrivateKey(key.getPrivate()));
        Path partial = dir.resolve("tls.crt.partial");
        Files.writeString(partial, PemCodec.writeCertificates(List.of(certificate)));
        Files.move(partial, certificateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
