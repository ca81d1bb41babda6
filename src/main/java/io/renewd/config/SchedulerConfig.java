package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** When lifetime actions and near-expiry notices fall due, and how the sweep fires them. */
@ConfigMapping(prefix = "renewd.scheduler")
public interface SchedulerConfig {

    /** How often the sweep looks for due actions. */
    @WithDefault("30s")
    Duration sweepInterval();

    /** Certificate versions (with all their due actions) claimed per sweep transaction. */
    @WithDefault("1000")
    int batchSize();

    /**
     * Sweep transactions this process runs at once when more than one batch is due (a mass expiry, a revocation): each
     * claims versions of its own (SKIP LOCKED), so one's Java work overlaps another's statements. 1 sweeps one batch after
     * the other: on 2 cores, where PostgreSQL and Kafka share the machine, 2 was no faster (docs/benchmarks.md, (b)).
     */
    @WithDefault("1")
    int sweepers();

    /** Lead times of the near-expiry notices sent for every enabled certificate. */
    @WithDefault("30d,15d,7d")
    List<Duration> notices();

    /**
     * A notice applies only to versions living longer than its lead time times this (2: the 30-day
     * notice for versions of more than 60 days), so short-lived certificates get none; 0 gives every version every notice.
     */
    @WithDefault("2")
    int noticeLifetimeFactor();

    /** AutoRenew due times are spread over up to this window (deterministically per version); 0 turns it off. */
    @WithDefault("0s")
    Duration autoRenewJitter();

    /** An action fired later than this after its due time is marked {@code late} (renewd was down, or behind). */
    @WithDefault("5m")
    Duration lateAfter();
}
