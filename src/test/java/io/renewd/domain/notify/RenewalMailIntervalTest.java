package io.renewd.domain.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenewalMailIntervalTest {

    @ParameterizedTest(name = "interval {0}, last mail {1}, now {2}: mail {3}")
    @CsvSource({
            "P1D,                      , 2026-01-01T00:00:00Z, true",
            "P1D, 2026-01-01T00:00:00Z, 2026-01-01T00:08:00Z, false",
            "P1D, 2026-01-01T00:00:00Z, 2026-01-01T23:59:59Z, false",
            "P1D, 2026-01-01T00:00:00Z, 2026-01-02T00:00:00Z, true",
            "P1D, 2026-01-01T23:50:00Z, 2026-01-02T00:10:00Z, false",
            "P1D, 2026-01-01T00:00:00Z, 2026-03-01T00:00:00Z, true",
            "PT0S, 2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, true"})
    void atMostOneMailPerInterval(Duration interval, Instant lastQueued, Instant now, boolean allows) {
        assertThat(new RenewalMailInterval(interval).allows(Optional.ofNullable(lastQueued), now)).isEqualTo(allows);
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new RenewalMailInterval(Duration.ofSeconds(-1))).hasMessageContaining("must not be negative");
    }
}
