package io.renewd.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** The window an ACME CA suggests for renewing a certificate (RFC 9773 renewal information). */
public record RenewalWindow(Instant start, Instant end) {

    public RenewalWindow {
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("a renewal window needs a start no later than its end: " + start + " - " + end);
        }
    }

    /** A uniformly random instant in the window (RFC 9773 §4.2); in the past when the CA wants the certificate replaced now. */
    public Instant pick(RandomGenerator random) {
        long millis = Duration.between(start, end).toMillis();
        return millis <= 0 ? start : start.plusMillis(random.nextLong(millis));
    }
}
