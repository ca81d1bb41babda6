package io.renewd.domain.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Deployment settings of the schedule: near-expiry notice lead times, which versions live long
 * enough for them, and the AutoRenew jitter window.
 */
public record ScheduleSettings(List<Duration> noticesBeforeExpiry, NoticeLifetimeRule noticeLifetime, Duration autoRenewJitter) {

    public ScheduleSettings {
        noticesBeforeExpiry = List.copyOf(noticesBeforeExpiry);
        Objects.requireNonNull(noticeLifetime, "noticeLifetime");
        if (noticesBeforeExpiry.stream().anyMatch(n -> n.isNegative() || n.isZero())) {
            throw new IllegalArgumentException("near-expiry notice lead times must be positive: " + noticesBeforeExpiry);
        }
        if (autoRenewJitter.isNegative()) {
            throw new IllegalArgumentException("the AutoRenew jitter window must not be negative: " + autoRenewJitter);
        }
    }

    public static ScheduleSettings defaults() {
        return new ScheduleSettings(List.of(Duration.ofDays(30), Duration.ofDays(15), Duration.ofDays(7)), NoticeLifetimeRule.DEFAULT, Duration.ZERO);
    }
}
