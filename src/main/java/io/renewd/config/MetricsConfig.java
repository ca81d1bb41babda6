package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** renewd's own Prometheus metrics. */
@ConfigMapping(prefix = "renewd.metrics")
public interface MetricsConfig {

    /** How often the gauges read from the database are refreshed (scrapes never query the database). */
    @WithDefault("30s")
    Duration refreshInterval();

    /** Per-certificate series (expiration and renewal due time by vault and name); turn off for very large inventories. */
    @WithDefault("true")
    boolean perCertificate();
}
