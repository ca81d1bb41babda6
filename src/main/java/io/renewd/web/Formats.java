package io.renewd.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write times: UTC, to the minute, with how far from now. */
final class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant at) {
        return at == null ? "" : MINUTE.format(at);
    }

    static String day(Instant at) {
        return DAY.format(at);
    }

    /** "in 3 days", "2 hours ago", "now". */
    static String relative(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        Duration between = Duration.between(now, at);
        Duration size = between.abs();
        String amount = size.toDays() >= 2 ? size.toDays() + " days" : size.toHours() >= 2 ? size.toHours() + " hours"
                : size.toMinutes() >= 2 ? size.toMinutes() + " minutes" : null;
        if (amount == null) {
            return "now";
        }
        return between.isNegative() ? amount + " ago" : "in " + amount;
    }

    static String timeAndRelative(Instant at, Instant now) {
        return at == null ? "" : time(at) + " (" + relative(at, now) + ")";
    }
}
