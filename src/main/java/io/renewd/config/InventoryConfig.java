package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The web inventory's table of certificates, refreshed from the certificates' changes by the scheduler. */
@ConfigMapping(prefix = "renewd.inventory")
public interface InventoryConfig {

    /** How often the scheduler brings the inventory up to date with the certificates changed since: how far behind its table may be. */
    @WithDefault("2s")
    Duration refreshInterval();
}
