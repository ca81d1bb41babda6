package io.renewd.domain.renewal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBackoffTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(6));

    @ParameterizedTest(name = "lifetime {0}, attempt {1}, expires in {2}, Retry-After {3} -> {4}")
    @CsvSource(nullValues = "-", textBlock = """
            # lifetime | attempt | expires in | Retry-After | delay
            PT24H      | 1       | PT4H       | -           | PT43.2S
            PT24H      | 2       | PT4H       | -           | PT1M26.4S
            PT24H      | 7       | PT4H       | -           | PT46M4.8S
            PT24H      | 8       | PT4H       | -           | PT1H12M
            PT24H      | 30      | PT4H       | -           | PT1H12M
            PT1H       | 1       | PT30M      | -           | PT30S
            PT1H       | 3       | PT30M      | -           | PT2M
            P90D       | 1       | P18D       | -           | PT1H4M48S
            P90D       | 3       | P18D       | -           | PT4H19M12S
            P90D       | 4       | P18D       | -           | PT6H
            P90D       | 50      | P18D       | -           | PT6H
            P365D      | 1       | P73D       | -           | PT4H22M48S
            P90D       | 4       | PT2H       | -           | PT1H
            P90D       | 4       | PT40S      | -           | PT30S
            P90D       | 4       | -          | -           | PT6H
            PT24H      | 1       | PT4H       | PT10M       | PT10M
            PT24H      | 1       | PT4H       | PT5S        | PT43.2S
            P90D       | 4       | PT2H       | PT3H        | PT3H
            """, delimiter = '|')
    void nextAttempt(Duration lifetime, int attempt, Duration expiresIn, Duration retryAfter, Duration expected) {
        Optional<Instant> expiry = Optional.ofNullable(expiresIn).map(NOW::plus);
        assertThat(BACKOFF.nextAttempt(attempt, lifetime, expiry, NOW, Optional.ofNullable(retryAfter)))
                .isEqualTo(NOW.plus(expected));
    }

    @ParameterizedTest(name = "expired {0} ago: capped backoff still applies")
    @CsvSource({"PT1H, 1, PT43.2S", "P2D, 20, PT1H12M"})
    void expiredCertificateKeepsRetrying(Duration expiredAgo, int attempt, Duration expected) {
        assertThat(BACKOFF.nextAttempt(attempt, Duration.ofHours(24), Optional.of(NOW.minus(expiredAgo)), NOW, Optional.empty()))
                .isEqualTo(NOW.plus(expected));
    }

    @ParameterizedTest(name = "min {0}, max {1} refused")
    @CsvSource({"PT0S, PT1H", "PT1H, PT30M", "-PT1S, PT1H"})
    void refusesNonsenseDelays(Duration min, Duration max) {
        assertThatThrownBy(() -> new RetryBackoff(min, max)).isInstanceOf(IllegalArgumentException.class);
    }
}
