package io.renewd.domain.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to check a parked ACME order again. The CA's Retry-After wins when it gives one. Otherwise the wait is how
 * long the order has been at its current step (validating since it was placed, issuing since it was finalized), at least
 * {@code first} and at most {@code max}: a CA that validates or issues at once (most do, in seconds) is checked again
 * after {@code first}, a slow one ever less often (1 s, 2 s, 4 s … when first is 1 s). When the order was placed is
 * stored with it, so a restarted renewer or another replica carries on the same schedule.
 *
 * @param first    the shortest wait, and the first one
 * @param max      the longest wait when the CA says nothing
 * @param lifetime the longest wait at all, even when the CA asks for more: the order is not kept longer
 */
public record OrderCheckDelay(Duration first, Duration max, Duration lifetime) {

    public OrderCheckDelay {
        Objects.requireNonNull(first);
        Objects.requireNonNull(max);
        Objects.requireNonNull(lifetime);
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || lifetime.compareTo(max) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max <= lifetime, got " + first + ", " + max + ", " + lifetime);
        }
    }

    /**
     * @param placedAt     when the order was placed
     * @param finalizedAt  when renewd finalized it (sent the CSR), if it did in the call asking: issuing starts then
     * @param now          now
     * @param caRetryAfter how long the CA asked to wait (its Retry-After, from now), when it did
     */
    public Duration after(Instant placedAt, Optional<Instant> finalizedAt, Instant now, Optional<Duration> caRetryAfter) {
        Instant stepStarted = finalizedAt.filter(placedAt::isBefore).orElse(placedAt);
        Duration wanted = caRetryAfter.filter(d -> d.isPositive()).orElseGet(() -> clamp(Duration.between(stepStarted, now), first, max));
        // Even a CA's Retry-After is held to [first, lifetime]: no busy loop on a CA that says "now", no order parked past its life.
        return clamp(wanted, first, lifetime);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }
}
