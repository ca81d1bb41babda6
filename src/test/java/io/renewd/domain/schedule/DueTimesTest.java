package io.renewd.domain.schedule;

import io.renewd.domain.ActionType;
import io.renewd.domain.LifetimeAction;
import io.renewd.domain.LifetimeTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DueTimesTest {

    private static final ScheduleSettings NO_NOTICES = new ScheduleSettings(List.of(), NoticeLifetimeRule.DEFAULT, Duration.ZERO);

    @ParameterizedTest(name = "{0} + {2}% of [{0}, {1}] = {3}")
    @CsvSource({
            "2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z, 80, 2026-10-20T00:00:00Z",
            "2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z,  1, 2026-01-04T15:36:00Z",
            "2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z, 99, 2026-12-28T08:24:00Z",
            "2028-02-29T00:00:00Z, 2029-02-28T00:00:00Z, 50, 2028-08-29T12:00:00Z",
            "2028-01-01T00:00:00Z, 2029-01-01T00:00:00Z, 50, 2028-07-02T00:00:00Z",
            "2026-05-01T12:00:00Z, 2026-05-02T12:00:00Z, 80, 2026-05-02T07:12:00Z",
            "2026-05-01T12:00:00Z, 2026-05-01T12:05:00Z, 80, 2026-05-01T12:04:00Z",
            "2026-05-01T12:00:00Z, 2026-05-01T12:05:00Z,  1, 2026-05-01T12:00:03Z"})
    void lifetimePercentageFallsAtThatShareOfTheValidity(Instant notBefore, Instant notAfter, int percent, Instant expected) {
        var due = DueTimes.of("v", notBefore, notAfter,
                List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(percent), ActionType.AUTO_RENEW)), NO_NOTICES);

        assertThat(due.getFirst()).isEqualTo(new DueAction(DueKind.AUTO_RENEW, "lifetime_percentage:" + percent, expected));
    }

    @ParameterizedTest(name = "{2} days before {1}: {3}")
    @CsvSource({
            "2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z,  30, 2026-12-02T00:00:00Z",
            "2028-01-01T00:00:00Z, 2028-03-10T00:00:00Z,  10, 2028-02-29T00:00:00Z",
            "2028-01-01T00:00:00Z, 2028-03-01T00:00:00Z,   1, 2028-02-29T00:00:00Z",
            "2026-01-01T00:00:00Z, 2026-01-31T00:00:00Z,  30, 2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z, 2026-01-31T00:00:00Z, 300, 2026-01-01T00:00:00Z"})
    void daysBeforeExpiryCountsBackFromExpiryAndNeverBeforeIssuance(Instant notBefore, Instant notAfter, int days, Instant expected) {
        var due = DueTimes.of("v", notBefore, notAfter,
                List.of(new LifetimeAction(new LifetimeTrigger.DaysBeforeExpiry(days), ActionType.EMAIL_CONTACTS)), NO_NOTICES);

        assertThat(due.getFirst()).isEqualTo(new DueAction(DueKind.EMAIL_CONTACTS, "days_before_expiry:" + days, expected));
    }

    @Test
    void noticesAtThirtyFifteenAndSevenDaysAndExpiryAtNotAfter() {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2026-04-01T00:00:00Z");

        var due = DueTimes.of("v", notBefore, notAfter, List.of(), ScheduleSettings.defaults());

        assertThat(due).containsExactly(
                new DueAction(DueKind.NOTICE, "notice:P30D", Instant.parse("2026-03-02T00:00:00Z")),
                new DueAction(DueKind.NOTICE, "notice:P15D", Instant.parse("2026-03-17T00:00:00Z")),
                new DueAction(DueKind.NOTICE, "notice:P7D", Instant.parse("2026-03-25T00:00:00Z")),
                new DueAction(DueKind.EXPIRED, "expired", notAfter));
    }

    @Test
    void aCertificateImportedTwoDaysBeforeExpiryHasEveryNoticeAlreadyDueWhenEveryVersionGetsEveryNotice() {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2026-01-13T00:00:00Z");
        var everyNotice = new ScheduleSettings(ScheduleSettings.defaults().noticesBeforeExpiry(), new NoticeLifetimeRule(0), Duration.ZERO);

        var due = DueTimes.of("v", notBefore, notAfter,
                List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.EMAIL_CONTACTS)), everyNotice);

        assertThat(due).extracting(DueAction::trigger)
                .containsExactly("notice:P30D", "notice:P15D", "notice:P7D", "lifetime_percentage:80", "expired");
        assertThat(due.get(0).dueAt()).isBefore(notBefore);
    }

    @ParameterizedTest(name = "a version living {0} gets {1}")
    @CsvSource({
            "PT10M, 'lifetime_percentage:80,days_before_expiry:1,expired'",
            "  P6D, 'lifetime_percentage:80,days_before_expiry:1,expired'",
            " P45D, 'notice:P15D,notice:P7D,lifetime_percentage:80,days_before_expiry:1,expired'",
            " P90D, 'notice:P30D,notice:P15D,notice:P7D,lifetime_percentage:80,days_before_expiry:1,expired'"})
    void shortLivedVersionsGetTheirLifetimeActionsButNotTheNoticesTheyDoNotOutlive(Duration lifetime, String expected) {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        var actions = List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.AUTO_RENEW),
                new LifetimeAction(new LifetimeTrigger.DaysBeforeExpiry(1), ActionType.EMAIL_CONTACTS));

        var due = DueTimes.of("v", notBefore, notBefore.plus(lifetime), actions, ScheduleSettings.defaults());

        assertThat(due).extracting(DueAction::trigger).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void jitterIsDeterministicPerVersionSpreadOverTheWindowAndNeverPastHalfTheTimeLeft() {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
        var renew = List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.AUTO_RENEW));
        var settings = new ScheduleSettings(List.of(), NoticeLifetimeRule.DEFAULT, Duration.ofHours(1));
        Instant base = Instant.parse("2026-10-20T00:00:00Z");

        Set<Instant> minutes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Instant at = DueTimes.of("version-" + i, notBefore, notAfter, renew, settings).getFirst().dueAt();
            assertThat(at).isBetween(base, base.plus(Duration.ofHours(1)).minusMillis(1));
            assertThat(DueTimes.of("version-" + i, notBefore, notAfter, renew, settings).getFirst().dueAt()).isEqualTo(at);
            minutes.add(at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        }
        assertThat(minutes).hasSizeGreaterThan(50);

        Instant shortBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant shortAfter = shortBefore.plus(Duration.ofMinutes(10));
        for (int i = 0; i < 200; i++) {
            Instant at = DueTimes.of("v" + i, shortBefore, shortAfter, renew, settings).getFirst().dueAt();
            assertThat(at).isBetween(shortBefore.plus(Duration.ofMinutes(8)), shortBefore.plus(Duration.ofMinutes(9)));
        }
    }

    @Test
    void jitterMovesOnlyAutoRenew() {
        Instant notBefore = Instant.parse("2026-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
        var mail = List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.EMAIL_CONTACTS));

        var due = DueTimes.of("v", notBefore, notAfter, mail, new ScheduleSettings(List.of(), NoticeLifetimeRule.DEFAULT, Duration.ofHours(5)));

        assertThat(due.getFirst().dueAt()).isEqualTo(Instant.parse("2026-10-20T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} left of {1}: {2} days")
    @CsvSource({
            "2026-01-01T00:00:00Z, 2026-01-31T00:00:00Z, 30",
            "2026-01-01T00:00:01Z, 2026-01-31T00:00:00Z, 29",
            "2026-01-30T12:00:00Z, 2026-01-31T00:00:00Z, 0",
            "2026-02-01T00:00:00Z, 2026-01-31T00:00:00Z, 0"})
    void daysLeftRoundsDownAndStopsAtZero(Instant now, Instant notAfter, long expected) {
        assertThat(DueTimes.daysLeft(now, notAfter)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "due {0}, fired {1}, tolerance {2}: late {3}")
    @CsvSource({
            "2026-01-01T00:00:00Z, 2026-01-01T00:05:00Z, PT5M, false",
            "2026-01-01T00:00:00Z, 2026-01-01T00:05:01Z, PT5M, true",
            "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, PT0S, false"})
    void lateMeansFiredBeyondTheTolerance(Instant due, Instant fired, Duration tolerance, boolean late) {
        assertThat(Lateness.isLate(due, fired, tolerance)).isEqualTo(late);
    }

    @Test
    void ofSeveralOverdueNoticesOnlyTheLatestFiresAndOtherActionsFireAlongside() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        var n30 = new DueAction(DueKind.NOTICE, "notice:P30D", t);
        var n15 = new DueAction(DueKind.NOTICE, "notice:P15D", t.plus(Duration.ofDays(15)));
        var n7 = new DueAction(DueKind.NOTICE, "notice:P7D", t.plus(Duration.ofDays(23)));
        var renew = new DueAction(DueKind.AUTO_RENEW, "lifetime_percentage:80", t.plus(Duration.ofDays(1)));
        var expired = new DueAction(DueKind.EXPIRED, "expired", t.plus(Duration.ofDays(30)));

        var selection = OverdueNotices.select(List.of(n30, renew, n15, n7, expired));

        assertThat(selection.fire()).containsExactly(renew, n7, expired);
        assertThat(selection.skip()).containsExactly(n30, n15);
    }

    @Test
    void settingsRefuseNonPositiveNoticesAndNegativeJitter() {
        assertThatThrownBy(() -> new ScheduleSettings(List.of(Duration.ZERO), NoticeLifetimeRule.DEFAULT, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ScheduleSettings(List.of(), NoticeLifetimeRule.DEFAULT, Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
