package io.renewd.domain.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Certificates by expiry over the next {@value #DAYS} days, in weeks from now (the last one shorter), with the
 * renewals falling due in each week: what the estate view draws. Counts come in by bucket index ({@link #index}).
 */
public record ExpiryTimeline(Instant from, List<Bucket> buckets) {

    public static final int DAYS = 90;
    public static final Duration WIDTH = Duration.ofDays(7);
    public static final Duration HORIZON = Duration.ofDays(DAYS);

    /** One week: certificates whose current version expires in [start, end), renewals due in it. */
    public record Bucket(int index, Instant start, Instant end, long expiring, long renewalsDue) {
    }

    /** The number of buckets: the weeks that start within the horizon. */
    public static int size() {
        return (int) ((HORIZON.toSeconds() + WIDTH.toSeconds() - 1) / WIDTH.toSeconds());
    }

    /** The bucket of an instant, none before {@code now} or from the horizon on. */
    public static OptionalInt index(Instant now, Instant at) {
        if (at.isBefore(now) || !at.isBefore(now.plus(HORIZON))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (Duration.between(now, at).toSeconds() / WIDTH.toSeconds()));
    }

    /** The timeline from {@code now}, with counts by bucket index (missing indexes count zero). */
    public static ExpiryTimeline of(Instant now, Map<Integer, Long> expiring, Map<Integer, Long> renewalsDue) {
        List<Bucket> buckets = new ArrayList<>();
        Instant end = now.plus(HORIZON);
        for (int i = 0; i < size(); i++) {
            Instant start = now.plus(WIDTH.multipliedBy(i));
            Instant stop = start.plus(WIDTH).isAfter(end) ? end : start.plus(WIDTH);
            buckets.add(new Bucket(i, start, stop, expiring.getOrDefault(i, 0L), renewalsDue.getOrDefault(i, 0L)));
        }
        return new ExpiryTimeline(now, List.copyOf(buckets));
    }

    public long totalExpiring() {
        return buckets.stream().mapToLong(Bucket::expiring).sum();
    }

    public long totalRenewalsDue() {
        return buckets.stream().mapToLong(Bucket::renewalsDue).sum();
    }

    /** The largest count in any bucket (expiring or due), at least 1: the chart's scale. */
    public long peak() {
        return Math.max(1, buckets.stream().mapToLong(b -> Math.max(b.expiring(), b.renewalsDue())).max().orElse(0));
    }
}
