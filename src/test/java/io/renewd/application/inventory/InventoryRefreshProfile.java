package io.renewd.application.inventory;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * renewd without its own renewer (the tests play it) and with the inventory refreshed only when a test asks
 * ({@code refreshNow()}), so a test sees the inventory before and after a refresh.
 */
public class InventoryRefreshProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("renewd.roles", "api,scheduler,relay,notifier", "renewd.inventory.refresh-interval", "1h");
    }
}
