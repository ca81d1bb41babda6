package io.renewd.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as a person reads them: "in 12 days", "3 hours ago", next to the date. */
final class RelativeTime {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private RelativeTime() {
    }

    /** {@code then} seen from {@code now}: "now", "in 5 minutes", "2 hours ago", "in 12 days", "in 3 months", "2 years ago". */
    static String between(Instant now, Instant then) {
        Duration distance = Duration.between(now, then).abs();
        boolean future = then.isAfter(now);
        long seconds = distance.toSeconds();
        String amount;
        if (seconds < 45) {
            return "now";
        } else if (seconds < 90 * 60) {
            amount = plural(Math.max(1, Math.round(seconds / 60.0)), "minute");
        } else if (seconds < 36 * 3600) {
            amount = plural(Math.round(seconds / 3600.0), "hour");
        } else if (distance.toDays() < 100) {
            amount = plural(distance.toDays(), "day");
        } else if (distance.toDays() < 730) {
            amount = plural(distance.toDays() / 30, "month");
        } else {
            amount = plural(distance.toDays() / 365, "year");
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** "2027-03-02 10:00Z (in 90 days)". */
    static String dated(Instant now, Instant then) {
        return DATE_TIME.format(then) + " (" + between(now, then) + ")";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
