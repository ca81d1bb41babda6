package io.renewd.azure;

import io.renewd.issuer.acme.AcmePebble;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.PebbleServer;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link AzureSdkProfile} with a Pebble that requires External Account Binding as DigiCert's directory
 * ({@code renewd.acme.providers.digicert.directory-url}): the SDK cannot send renewd's {@code acme} member, so the
 * operator's default is how an SDK-made {@code DigiCert} issuer reaches it. Pebble starts here, before renewd, because
 * the setting is read at startup, and lives as long as the test JVM; so renewd's HTTP-01 listener gets a port chosen
 * here, which Pebble validates through.
 */
public class AzureSdkAcmeProviderProfile extends AzureSdkProfile {

    static final String EAB_KID = "kid-digicert-sdk";
    static final String EAB_HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    /** This profile's ACME trust store (the %test one is read through the configuration, not there yet when the profile is). */
    private static final Path TRUST_STORE = Path.of("target/acme-sdk-pebble-truststore.p12");
    private static final String TRUST_STORE_PASSWORD = "changeit";

    /** Set once Pebble runs: the profile is read more than once, in more than one class loader, and one Pebble serves them all. */
    private static final String DIRECTORY_PROPERTY = "renewd-test.sdk-pebble.directory";
    private static final String CHALLENGE_PORT_PROPERTY = "renewd-test.sdk-pebble.challenge-port";

    /** The directory URL of this profile's Pebble, started on first use (its TLS certificate in this profile's ACME trust store); it dies with the test JVM. */
    static String pebbleDirectory() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(DIRECTORY_PROPERTY);
            if (running == null) {
                PebbleServer pebble = PebbleServer.start(new PebbleServer.Options(challengePort(), Map.of(EAB_KID, EAB_HMAC)));
                try {
                    AcmePebble.trust(TRUST_STORE, TRUST_STORE_PASSWORD.toCharArray(), "pebble", pebble.tlsCertificate());
                } catch (IOException | GeneralSecurityException e) {
                    pebble.close();
                    throw new IllegalStateException("cannot add Pebble's TLS certificate to " + TRUST_STORE, e);
                }
                running = pebble.directoryUrl().toString();
                System.setProperty(DIRECTORY_PROPERTY, running);
            }
            return running;
        }
    }

    /** The port renewd's HTTP-01 listener takes in this profile, chosen once per test JVM. */
    private static int challengePort() {
        synchronized (System.getProperties()) {
            String port = System.getProperty(CHALLENGE_PORT_PROPERTY);
            if (port == null) {
                port = String.valueOf(io.renewd.testing.FreePorts.next());
                System.setProperty(CHALLENGE_PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("renewd.acme.http01.port", String.valueOf(challengePort()));
        config.put("renewd.acme.providers.digicert.directory-url", pebbleDirectory());
        config.put("renewd.acme.trust-store", TRUST_STORE.toString());
        config.put("renewd.acme.trust-store-password", TRUST_STORE_PASSWORD);
        return config;
    }
}
