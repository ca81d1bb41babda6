package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The renewer: how it works through pending operations with an issuer, and how it retries. */
@ConfigMapping(prefix = "renewd.renewer")
public interface RenewerConfig {

    /**
     * How often the renewer looks for operations due that it was not told of (work of a crashed replica). A parked ACME
     * order's next check or a retry due before the next poll wakes it at that moment.
     */
    @WithDefault("10s")
    Duration pollInterval();

    /**
     * Attempts one process works on at once (its worker threads). Self and ca attempts are short and use the CPU (key
     * generation, signing), ACME ones mostly wait on the network, and an ACME order waiting for validation holds no
     * worker (it is parked): 8 keeps 2 cores busy while some workers wait on a CA.
     */
    @WithDefault("8")
    int concurrency();

    /**
     * Attempts one named issuer renewd calls over the network (ACME, a provider renewd has no adapter for) may have at once
     * across all replicas, unless its {@code limits.max_concurrent} says otherwise. Below {@link #concurrency()}, so a slow
     * or stalled CA cannot take every worker. A {@code ca} issuer signs in the process, as Self does: only its own
     * {@code limits.max_concurrent} bounds it.
     */
    @WithDefault("4")
    int issuerMaxConcurrent();

    /**
     * Operations claimed at a time (one query); they wait in the process for a free worker. A claim sorts every due
     * operation (about 15 ms with 10,000 due), so a mass renewal wants few large claims: 256 renewed 10,000 Self
     * certificates about 1.4 times as fast as 64 (docs/benchmarks.md, (d)). ACME attempts stay within their own limits.
     */
    @WithDefault("256")
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
