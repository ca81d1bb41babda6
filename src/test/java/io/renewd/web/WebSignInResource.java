package io.renewd.web;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.renewd.testing.Keycloak;
import io.renewd.testing.TestTls;

import java.util.HashMap;
import java.util.Map;

/**
 * renewd with the web inventory's tenant on, against the real Keycloak ({@link Keycloak}), served over HTTPS (its
 * session cookie is Secure) on the test's HTTPS port, which Keycloak is told to send people back to.
 */
public class WebSignInResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Keycloak.get().quarkusConfig());
        config.putAll(Keycloak.get().webTenantConfig(WebBrowser.origin()));
        config.putAll(TestTls.localhost().quarkusConfig());
        // ACME issuers of these tests (the screenshots' estate) reach no CA: their orders fail as a network's would.
        try {
            config.put("renewd.acme.trust-store", WebBrowser.trustStore().toAbsolutePath().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void stop() {
        // Keycloak stops with the test JVM.
    }
}
