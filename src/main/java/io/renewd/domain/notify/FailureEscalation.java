package io.renewd.domain.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether contacts hear about one more failed renewal attempt: at most once per
 * {@code interval} while a certificate keeps failing, and in any case when it crosses one of
 * the days-left thresholds (7, 3 and 1 by default) for the first time.
 *
 * @param interval   the least time between two failure mails
 * @param thresholds days left at which contacts are told regardless of the interval
 */
public record FailureEscalation(Duration interval, List<Integer> thresholds) {

    /** Mail or not; {@code threshold} is the days-left threshold reached, to remember for next time. */
    public record Decision(boolean send, Optional<Integer> threshold) {
    }

    public FailureEscalation {
        thresholds = List.copyOf(thresholds);
    }

    /**
     * @param lastSent      when contacts last heard about this certificate's failures; empty if never since it last renewed
     * @param lastThreshold the smallest threshold they were told about
     * @param daysLeft      days until the current version expires; empty when there is no version yet
     */
    public Decision decide(Optional<Instant> lastSent, Optional<Integer> lastThreshold, Optional<Long> daysLeft, Instant now) {
        Optional<Integer> reached = daysLeft.flatMap(left -> thresholds.stream().filter(t -> left <= t).min(Integer::compare));
        Optional<Integer> remembered = reached.isPresent() ? reached : lastThreshold;
        boolean newThreshold = reached.isPresent() && (lastThreshold.isEmpty() || reached.get() < lastThreshold.get());
        boolean intervalPassed = lastSent.isEmpty() || !now.isBefore(lastSent.get().plus(interval));
        return new Decision(newThreshold || intervalPassed, remembered);
    }
}
