package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of renewd's own health checks. */
@ConfigMapping(prefix = "renewd.health")
public interface HealthConfig {

    /**
     * How long the readiness check waits for the Kafka broker to describe its cluster before
     * reporting it DOWN. Short, so a probe never hangs on a broker that is gone.
     */
    @WithDefault("3s")
    Duration kafkaTimeout();
}
