package io.renewd.domain;

import java.time.Duration;

/** ISO-8601 durations written the way people write them: {@code P200D} rather than {@code PT4800H}, {@code P1DT12H}. */
public final class Durations {

    private Durations() {
    }

    /** Whole days as {@code PnD}, otherwise days and the time part ({@code P1DT12H}, {@code PT10M}). */
    public static String iso(Duration duration) {
        if (duration.isNegative()) {
            return duration.toString();
        }
        long days = duration.toDays();
        Duration rest = duration.minusDays(days);
        if (days == 0) {
            return rest.toString();
        }
        return rest.isZero() ? "P" + days + "D" : "P" + days + "D" + rest.toString().substring(1);
    }
}
