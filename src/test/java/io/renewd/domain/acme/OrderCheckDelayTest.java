package io.renewd.domain.acme;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a parked ACME order is checked again ({@link OrderCheckDelay}): first 1 s, at most 15 s, orders kept 7 days; issuing counts from the finalizing. */
class OrderCheckDelayTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final OrderCheckDelay DELAY = new OrderCheckDelay(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofDays(7));

    @ParameterizedTest(name = "order placed {0} ago, CA's Retry-After {1}: check again in {2}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            PT0S      | -       | PT1S
            PT0.2S    | -       | PT1S
            PT1.1S    | -       | PT1.1S
            PT2.3S    | -       | PT2.3S
            PT4.5S    | -       | PT4.5S
            PT9S      | -       | PT9S
            PT15S     | -       | PT15S
            PT1M      | -       | PT15S
            P3D       | -       | PT15S
            PT0S      | PT3S    | PT3S
            PT1M      | PT3S    | PT3S
            PT0S      | PT1M    | PT1M
            PT0S      | PT0.1S  | PT1S
            PT5S      | PT0S    | PT5S
            PT5S      | -PT5S   | PT5S
            PT0S      | P30D    | P7D
            """)
    void waitsTheOrdersAgeWithinBoundsUnlessTheCaSays(Duration age, Duration caRetryAfter, Duration expected) {
        assertThat(DELAY.after(NOW.minus(age), Optional.empty(), NOW, Optional.ofNullable(caRetryAfter))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "order placed {0} ago, finalized {1} ago, CA's Retry-After {2}: check again in {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            PT30S     | PT0S    | -       | PT1S
            PT30S     | PT0.5S  | -       | PT1S
            PT30S     | PT4S    | -       | PT4S
            PT1H      | PT0S    | -       | PT1S
            PT30S     | PT0S    | PT10S   | PT10S
            PT30S     | -       | -       | PT15S
            PT5S      | PT10S   | -       | PT5S
            """)
    void anOrderFinalizedIsIssuingSinceThen(Duration placedAgo, Duration finalizedAgo, Duration caRetryAfter, Duration expected) {
        Optional<Instant> finalizedAt = Optional.ofNullable(finalizedAgo).map(NOW::minus);
        assertThat(DELAY.after(NOW.minus(placedAgo), finalizedAt, NOW, Optional.ofNullable(caRetryAfter))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "first {0}, max {1}, lifetime {2}: refused")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S   | PT15S | P7D
            -PT1S  | PT15S | P7D
            PT20S  | PT15S | P7D
            PT1S   | P8D   | P7D
            """)
    void boundsOutOfOrderAreRefused(Duration first, Duration max, Duration lifetime) {
        assertThatThrownBy(() -> new OrderCheckDelay(first, max, lifetime)).isInstanceOf(IllegalArgumentException.class);
    }
}
