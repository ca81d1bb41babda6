package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The renewer: how it works through pending operations with an issuer, and how it retries. */
@ConfigMapping(prefix = "renewd.renewer")
public interface RenewerConfig {

    /** How often the renewer looks for operations due (retries, resumed ACME orders, work of a crashed replica). */
    @WithDefault("10s")
    Duration pollInterval();

    /** Operations claimed at a time by one renewer. */
    @WithDefault("10")
    int batchSize();

    /** How long a renewer holds an operation; a renewer that crashed loses it after this and another resumes it. */
    @WithDefault("5m")
    Duration lease();

    /** The shortest delay before a failed attempt is retried (the first retry of short-lived certificates). */
    @WithDefault("30s")
    Duration minRetryDelay();

    /** The longest delay between two attempts. */
    @WithDefault("6h")
    Duration maxRetryDelay();
}
