package io.renewd.testing;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of every {@code @QuarkusTest} (it replaces renewd's default system clock): real
 * time plus an offset that tests move forward instead of sleeping. Tests that move it call
 * {@link #reset()} when done.
 */
@Singleton
public class TestClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    public static void advance(Duration duration) {
        OFFSET.updateAndGet(offset -> offset.plus(duration));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    /** What renewd's clock says now. */
    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    @Override
    public Instant instant() {
        return now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
