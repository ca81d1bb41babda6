package io.renewd.domain.schedule;

import io.renewd.domain.ActionType;
import io.renewd.domain.LifetimeAction;
import io.renewd.domain.LifetimeTrigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** When each lifetime action, near-expiry notice and the expiry of a version fall due (DESIGN §2). */
public final class DueTimes {

    private DueTimes() {
    }

    public static List<DueAction> of(String versionId, Instant notBefore, Instant notAfter, List<LifetimeAction> actions,
                                     ScheduleSettings settings) {
        List<DueAction> due = new ArrayList<>();
        for (LifetimeAction action : actions) {
            Instant base = action.type() == ActionType.AUTO_RENEW ? renewal(action.trigger(), notBefore, notAfter)
                    : clamp(at(action.trigger(), notBefore, notAfter), notBefore);
            Instant at = action.type() == ActionType.AUTO_RENEW ? jittered(versionId, base, notAfter, settings.autoRenewJitter()) : base;
            due.add(new DueAction(DueKind.of(action.type()), label(action.trigger()), at));
        }
        Duration lifetime = Duration.between(notBefore, notAfter);
        for (Duration lead : settings.noticesBeforeExpiry()) {
            if (!settings.noticeLifetime().applies(lifetime, lead)) {
                continue;
            }
            // Not clamped: notices already overdue at issuance are all due at once, and the sweep keeps only the latest.
            due.add(new DueAction(DueKind.NOTICE, "notice:" + iso(lead), notAfter.minus(lead)));
        }
        due.add(new DueAction(DueKind.EXPIRED, "expired", notAfter));
        due.sort(Comparator.comparing(DueAction::dueAt).thenComparing(DueAction::kind));
        return List.copyOf(due);
    }

    /** Whole days left until {@code notAfter}, rounded down; 0 once expired. */
    public static long daysLeft(Instant now, Instant notAfter) {
        return Math.max(0, Duration.between(now, notAfter).toDays());
    }

    private static Instant at(LifetimeTrigger trigger, Instant notBefore, Instant notAfter) {
        return switch (trigger) {
            case LifetimeTrigger.LifetimePercentage p ->
                    notBefore.plusMillis(Math.multiplyExact(Duration.between(notBefore, notAfter).toMillis(), (long) p.percent()) / 100);
            case LifetimeTrigger.DaysBeforeExpiry d -> notAfter.minus(Duration.ofDays(d.days()));
        };
    }

    /**
     * AutoRenew's time. A lead time as long as the whole lifetime (a CA issued shorter than the policy expects: a 6-day
     * ACME profile under {@code days_before_expiry: 30}) would renew every version at issuance, without end: such a
     * version renews at two thirds of its lifetime, as Let's Encrypt advises for short-lived certificates.
     */
    private static Instant renewal(LifetimeTrigger trigger, Instant notBefore, Instant notAfter) {
        Instant at = at(trigger, notBefore, notAfter);
        return at.isAfter(notBefore) ? at : notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
    }

    private static String label(LifetimeTrigger trigger) {
        return switch (trigger) {
            case LifetimeTrigger.LifetimePercentage p -> "lifetime_percentage:" + p.percent();
            case LifetimeTrigger.DaysBeforeExpiry d -> "days_before_expiry:" + d.days();
        };
    }

    /** ISO-8601, in days when whole days ({@code P30D}, not {@code PT720H}). */
    static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && duration.toNanosPart() == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static Instant clamp(Instant at, Instant notBefore) {
        return at.isBefore(notBefore) ? notBefore : at;
    }

    /** Later by a per-version offset in [0, window), the window at most half the time left, so renewal never slides toward expiry. */
    private static Instant jittered(String versionId, Instant base, Instant notAfter, Duration jitter) {
        long window = Math.min(jitter.toMillis(), Duration.between(base, notAfter).toMillis() / 2);
        if (window <= 0) {
            return base;
        }
        return base.plusMillis(Math.floorMod(stableHash(versionId), window));
    }

    private static long stableHash(String versionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(versionId.getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
