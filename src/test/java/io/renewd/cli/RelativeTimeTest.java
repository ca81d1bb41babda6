package io.renewd.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "PT0S, now",
            "PT44S, now",
            "-PT44S, now",
            "PT50S, in 1 minute",
            "PT5M, in 5 minutes",
            "-PT5M, 5 minutes ago",
            "PT89M, in 89 minutes",
            "PT2H, in 2 hours",
            "-PT3H, 3 hours ago",
            "PT35H, in 35 hours",
            "PT36H, in 1 day",
            "P12D, in 12 days",
            "-P1D, 24 hours ago",
            "-PT37H, 1 day ago",
            "-P2D, 2 days ago",
            "P99D, in 99 days",
            "P100D, in 3 months",
            "P365D, in 12 months",
            "P729D, in 24 months",
            "P730D, in 2 years",
            "-P800D, 2 years ago"})
    void saysHowFar(String distance, String expected) {
        assertThat(RelativeTime.between(NOW, NOW.plus(Duration.parse(distance)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2027-03-02T10:00:00Z, 2027-03-02 10:00Z (in 90 days)",
            "2026-11-30T09:30:00Z, 2026-11-30 09:30Z (2 days ago)"})
    void datesWithTheDistance(Instant then, String expected) {
        assertThat(RelativeTime.dated(NOW, then)).isEqualTo(expected);
    }
}
