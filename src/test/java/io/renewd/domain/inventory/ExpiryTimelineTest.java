package io.renewd.domain.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryTimelineTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @ParameterizedTest(name = "{0} seconds from now: bucket {1}")
    @CsvSource({
            "-1, -1",
            "0, 0",
            "604799, 0",
            "604800, 1",
            "2592000, 4",
            "7775999, 12",
            "7776000, -1",
    })
    void anInstantFallsInTheWeekSinceNowItIsIn(long seconds, int bucket) {
        OptionalInt index = ExpiryTimeline.index(NOW, NOW.plusSeconds(seconds));
        assertThat(index).isEqualTo(bucket < 0 ? OptionalInt.empty() : OptionalInt.of(bucket));
    }

    @Test
    void thirteenWeeksCoverNinetyDaysAndTheLastOneEndsAtTheHorizon() {
        ExpiryTimeline timeline = ExpiryTimeline.of(NOW, Map.of(0, 2L, 12, 1L), Map.of(3, 5L));
        assertThat(timeline.buckets()).hasSize(13);
        assertThat(timeline.buckets().getFirst().start()).isEqualTo(NOW);
        assertThat(timeline.buckets().get(1).start()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(timeline.buckets().getLast().end()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(timeline.buckets().getLast().start()).isEqualTo(NOW.plus(Duration.ofDays(84)));
        assertThat(timeline.buckets()).extracting(ExpiryTimeline.Bucket::expiring).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(timeline.buckets()).extracting(ExpiryTimeline.Bucket::renewalsDue).containsExactly(0L, 0L, 0L, 5L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(timeline.totalExpiring()).isEqualTo(3);
        assertThat(timeline.totalRenewalsDue()).isEqualTo(5);
        assertThat(timeline.peak()).isEqualTo(5);
    }

    @Test
    void anEmptyTimelineHasAScaleOfOne() {
        assertThat(ExpiryTimeline.of(NOW, Map.of(), Map.of()).peak()).isEqualTo(1);
    }
}
