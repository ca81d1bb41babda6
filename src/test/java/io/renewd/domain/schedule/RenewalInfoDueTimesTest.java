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
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RenewalInfoDueTimesTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));
    private static final ScheduleSettings NO_JITTER = new ScheduleSettings(List.of(Duration.ofDays(30)), NoticeLifetimeRule.DEFAULT, Duration.ZERO);

    static Stream<Arguments> windows() {
        LifetimeAction renewAt80 = new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.AUTO_RENEW);
        LifetimeAction mailAt80 = new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.EMAIL_CONTACTS);
        LifetimeAction renew30DaysBefore = new LifetimeAction(new LifetimeTrigger.DaysBeforeExpiry(30), ActionType.AUTO_RENEW);
        Instant at80 = NOT_BEFORE.plus(Duration.ofDays(72));
        return Stream.of(
                arguments("no window: the policy's trigger", List.of(renewAt80), null, "lifetime_percentage:80", at80),
                arguments("window point before the trigger: ari", List.of(renewAt80), NOT_BEFORE.plus(Duration.ofDays(60)), "ari",
                        NOT_BEFORE.plus(Duration.ofDays(60))),
                arguments("window point after the trigger: never later than the policy", List.of(renewAt80),
                        NOT_BEFORE.plus(Duration.ofDays(80)), "lifetime_percentage:80", at80),
                arguments("window point at the trigger: the policy's", List.of(renewAt80), at80, "lifetime_percentage:80", at80),
                arguments("days before expiry moves too", List.of(renew30DaysBefore), NOT_BEFORE.plus(Duration.ofDays(10)), "ari",
                        NOT_BEFORE.plus(Duration.ofDays(10))),
                arguments("a window in the past (mass revocation): due at once", List.of(renewAt80), NOT_BEFORE.minus(Duration.ofDays(1)), "ari",
                        NOT_BEFORE.minus(Duration.ofDays(1))),
                arguments("no AutoRenew in the policy: nothing moves", List.of(mailAt80), NOT_BEFORE.plus(Duration.ofDays(5)), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void autoRenewComesAtTheWindowsPointWhenThatIsEarlier(String description, List<LifetimeAction> actions, Instant renewAt,
                                                          String expectedTrigger, Instant expectedDue) {
        List<DueAction> policy = DueTimes.of("v1", NOT_BEFORE, NOT_AFTER, actions, NO_JITTER);

        List<DueAction> due = RenewalInfoDueTimes.apply(policy, Optional.ofNullable(renewAt));

        List<DueAction> autoRenew = due.stream().filter(a -> a.kind() == DueKind.AUTO_RENEW).toList();
        if (expectedTrigger == null) {
            assertThat(due).isEqualTo(policy);
            return;
        }
        assertThat(autoRenew).containsExactly(new DueAction(DueKind.AUTO_RENEW, expectedTrigger, expectedDue));
        assertThat(due.stream().filter(a -> a.kind() != DueKind.AUTO_RENEW))
                .containsExactlyElementsOf(policy.stream().filter(a -> a.kind() != DueKind.AUTO_RENEW).toList());
        assertThat(due).isSortedAccordingTo(java.util.Comparator.comparing(DueAction::dueAt));
    }

    static Stream<Arguments> picks() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        return Stream.of(
                arguments(new RenewalWindow(start, start.plus(Duration.ofDays(2))), 1L),
                arguments(new RenewalWindow(start, start.plus(Duration.ofMinutes(1))), 2L),
                arguments(new RenewalWindow(start, start), 3L));
    }

    @ParameterizedTest
    @MethodSource("picks")
    void thePickedPointIsInsideTheWindowAndSpreadOverIt(RenewalWindow window, long seed) {
        Random random = new Random(seed);
        List<Instant> points = Stream.generate(() -> window.pick(random)).limit(500).toList();

        assertThat(points).allSatisfy(p -> assertThat(p).isBetween(window.start(), window.end()));
        if (window.end().isAfter(window.start())) {
            Instant middle = window.start().plus(Duration.between(window.start(), window.end()).dividedBy(2));
            assertThat(points).anyMatch(p -> p.isBefore(middle)).anyMatch(p -> p.isAfter(middle));
        }
    }

    @org.junit.jupiter.api.Test
    void aWindowEndingBeforeItStartsIsRefused() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new RenewalWindow(start, start.minusSeconds(1)));
    }
}
