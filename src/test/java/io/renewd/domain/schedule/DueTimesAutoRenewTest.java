package io.renewd.domain.schedule;

import io.renewd.domain.ActionType;
import io.renewd.domain.LifetimeAction;
import io.renewd.domain.LifetimeTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** AutoRenew of certificates shorter-lived than the policy expects (an ACME profile's 6 days): inside the lifetime, never at issuance. */
class DueTimesAutoRenewTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final ScheduleSettings NO_NOTICES = new ScheduleSettings(List.of(), NoticeLifetimeRule.DEFAULT, Duration.ZERO);

    static Stream<Arguments> triggers() {
        return Stream.of(
                arguments("6 days, 80 %", Duration.ofDays(6), new LifetimeTrigger.LifetimePercentage(80), "lifetime_percentage:80",
                        NOT_BEFORE.plus(Duration.ofHours(115).plusMinutes(12))),
                arguments("6 days, 2 days before expiry", Duration.ofDays(6), new LifetimeTrigger.DaysBeforeExpiry(2), "days_before_expiry:2",
                        NOT_BEFORE.plus(Duration.ofDays(4))),
                arguments("6 days, 30 days before expiry: two thirds", Duration.ofDays(6), new LifetimeTrigger.DaysBeforeExpiry(30),
                        "days_before_expiry:30", NOT_BEFORE.plus(Duration.ofDays(4))),
                arguments("6 days, 6 days before expiry: two thirds", Duration.ofDays(6), new LifetimeTrigger.DaysBeforeExpiry(6),
                        "days_before_expiry:6", NOT_BEFORE.plus(Duration.ofDays(4))),
                arguments("45 days, 30 days before expiry", Duration.ofDays(45), new LifetimeTrigger.DaysBeforeExpiry(30),
                        "days_before_expiry:30", NOT_BEFORE.plus(Duration.ofDays(15))),
                arguments("10 minutes, 1 day before expiry: two thirds", Duration.ofMinutes(10), new LifetimeTrigger.DaysBeforeExpiry(1),
                        "days_before_expiry:1", NOT_BEFORE.plus(Duration.ofMinutes(6)).plusSeconds(40)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggers")
    void autoRenewFallsInsideTheLifetime(String description, Duration lifetime, LifetimeTrigger trigger, String label, Instant expected) {
        var due = DueTimes.of("v", NOT_BEFORE, NOT_BEFORE.plus(lifetime), List.of(new LifetimeAction(trigger, ActionType.AUTO_RENEW)), NO_NOTICES);

        assertThat(due.getFirst()).isEqualTo(new DueAction(DueKind.AUTO_RENEW, label, expected));
        assertThat(expected).isAfter(NOT_BEFORE).isBefore(NOT_BEFORE.plus(lifetime));
    }
}
