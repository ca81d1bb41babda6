package io.renewd.domain.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed renewal is tried again: exponential backoff sized to the certificate's
 * lifetime, so a certificate valid for hours is retried within a minute and one valid for a
 * year is not hammered; capped; never later than halfway to the expiry (while there is time);
 * never earlier than the CA's Retry-After.
 *
 * @param minDelay the shortest first delay (also the floor near expiry)
 * @param maxDelay the longest delay
 */
public record RetryBackoff(Duration minDelay, Duration maxDelay) {

    /** A lifetime this many times the first delay: 90 days gives a first delay of about an hour before the cap. */
    private static final long FIRST_DELAY_DIVISOR = 2000;
    /** The delay cap grows with the lifetime up to {@code maxDelay}: a twentieth of it. */
    private static final long CAP_DIVISOR = 20;

    public RetryBackoff {
        if (minDelay.isNegative() || minDelay.isZero() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("retry delays need 0 < min-delay <= max-delay");
        }
    }

    /**
     * @param attempt    the attempt that just failed, from 1
     * @param lifetime   the certificate's validity period (notAfter - notBefore, or what the policy asks for)
     * @param expiry     the current version's notAfter, if there is one
     * @param retryAfter what the CA asked for, if anything
     */
    public Instant nextAttempt(int attempt, Duration lifetime, Optional<Instant> expiry, Instant now, Optional<Duration> retryAfter) {
        Duration first = clamp(lifetime.dividedBy(FIRST_DELAY_DIVISOR), minDelay, maxDelay);
        Duration cap = clamp(lifetime.dividedBy(CAP_DIVISOR), first, maxDelay);
        Duration delay = exponential(first, attempt, cap);
        if (expiry.isPresent() && expiry.get().isAfter(now)) {
            Duration halfway = Duration.between(now, expiry.get()).dividedBy(2);
            delay = min(delay, max(halfway, minDelay));
        }
        if (retryAfter.isPresent()) {
            delay = max(delay, retryAfter.get());
        }
        return now.plus(delay);
    }

    /** {@code first}, doubled for each attempt after the first, never above {@code cap}. */
    public static Duration exponential(Duration first, int attempt, Duration cap) {
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return min(delay, cap);
    }

    private static Duration clamp(Duration value, Duration low, Duration high) {
        return max(low, min(value, high));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
