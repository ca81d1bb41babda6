package io.renewd.domain.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether contacts hear about one more routine renewal of a certificate (AutoRenew due, renewed):
 * at most once per {@code interval}. Only certificates that renew more often than that are held
 * back: a 10-minute certificate would otherwise mail its contacts every 8 minutes. Failures are
 * not routine and never pass through here.
 *
 * @param interval the least time between two such mails of one kind about one certificate; zero mails every one
 */
public record RenewalMailInterval(Duration interval) {

    public RenewalMailInterval {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the renewal mail interval must not be negative: " + interval);
        }
    }

    /** @param lastQueued when the last mail of this kind about this certificate was queued; empty if never */
    public boolean allows(Optional<Instant> lastQueued, Instant now) {
        return lastQueued.isEmpty() || !now.isBefore(lastQueued.get().plus(interval));
    }
}
