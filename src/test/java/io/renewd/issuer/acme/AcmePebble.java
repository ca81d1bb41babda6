package io.renewd.issuer.acme;

import io.quarkus.arc.Arc;
import io.renewd.issuer.acme.http01.Http01Listener;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TrustStores;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * Starts Pebble for the ACME tests, validating HTTP-01 against this test JVM's HTTP-01 listener
 * ({@link Http01Listener}, on a free port in %test), and
 * adds its TLS certificate to the trust store {@code renewd.acme.trust-store} names in %test
 * (renewd reads the file again when it changes).
 */
public final class AcmePebble {

    private AcmePebble() {
    }

    /** Pebble validating HTTP-01 through renewd's HTTP-01 listener. */
    public static PebbleServer start(Map<String, String> externalAccountKeys) {
        return start(challengePort(), externalAccountKeys);
    }

    /** Where renewd's HTTP-01 listener runs in this test JVM. */
    public static int challengePort() {
        return Arc.container().instance(Http01Listener.class).get().port();
    }

    public static PebbleServer start(int httpChallengePort, Map<String, String> externalAccountKeys) {
        return start(new PebbleServer.Options(httpChallengePort, externalAccountKeys));
    }

    /** Starts Pebble with {@code options} (e.g. a DNS server for DNS-01) and trusts its TLS certificate. */
    public static PebbleServer start(PebbleServer.Options options) {
        PebbleServer pebble = PebbleServer.start(options);
        try {
            trust("pebble-" + pebble.directoryUrl().getPort(), pebble.tlsCertificate());
        } catch (IOException | GeneralSecurityException e) {
            pebble.close();
            throw new IllegalStateException("cannot add Pebble's TLS certificate to the test trust store", e);
        }
        return pebble;
    }

    /** One Pebble for a test class: started by the first test that asks for it, stopped in {@code @AfterAll}. */
    public static final class PerClass implements AutoCloseable {

        private final Map<String, String> externalAccountKeys;
        private PebbleServer pebble;

        public PerClass(Map<String, String> externalAccountKeys) {
            this.externalAccountKeys = externalAccountKeys;
        }

        public synchronized PebbleServer get() {
            if (pebble == null) {
                pebble = start(externalAccountKeys);
            }
            return pebble;
        }

        @Override
        public synchronized void close() {
            if (pebble != null) {
                pebble.close();
                pebble = null;
            }
        }
    }

    /** Adds {@code certificate} to the ACME trust store of %test (renewd reads the file again when it changes). */
    static void trust(String alias, X509Certificate certificate) throws IOException, GeneralSecurityException {
        var config = ConfigProvider.getConfig();
        trust(config.getValue("renewd.acme.trust-store", Path.class), config.getValue("renewd.acme.trust-store-password", String.class).toCharArray(),
                alias, certificate);
    }

    /** Adds {@code certificate} to the PKCS#12 trust store at {@code file} (made if absent), replacing the file in one step. */
    public static void trust(Path file, char[] password, String alias, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        TrustStores.add(file, password, alias, certificate);
    }
}
