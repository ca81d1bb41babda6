package io.renewd.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points renewd at {@link Keycloak} as production points it at its identity provider: the
 * realm's URL, keys and issuer found by OIDC discovery, the audience required.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Keycloak.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // Keycloak belongs to the test JVM and stops with it (its shutdown hook), so test classes share one start.
    }
}
