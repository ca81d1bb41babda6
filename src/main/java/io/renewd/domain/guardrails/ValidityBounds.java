package io.renewd.domain.guardrails;

import io.renewd.domain.PolicyValidator;
import io.renewd.domain.Validity;

import java.time.Duration;

/**
 * How long the certificates a policy's {@link Validity} makes can live. {@code validity_months}
 * gives calendar months from the issue date, so its length depends on that date (one month is 28
 * to 31 days): a guardrail compares its longest possible length, the same every day of the year.
 */
public final class ValidityBounds {

    /** Month lengths over a four-year cycle with one leap year: every run of months the calendar can have. */
    private static final int[] CYCLE = cycle();

    private ValidityBounds() {
    }

    /** The longest lifetime a certificate of this validity can have, whatever day it is issued. */
    public static Duration longest(Validity validity) {
        return switch (validity) {
            case Validity.Exact exact -> exact.duration();
            case Validity.Months months -> longestMonths(months.months());
        };
    }

    /**
     * The longest span of {@code months} calendar months: the most days any run of that many
     * consecutive months has (a start on the 29th to 31st is clamped by shorter months, never longer).
     */
    public static Duration longestMonths(int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be positive: " + months);
        }
        long longest = 0;
        for (int start = 0; start < CYCLE.length; start++) {
            long days = 0;
            for (int i = 0; i < months; i++) {
                days += CYCLE[(start + i) % CYCLE.length];
            }
            longest = Math.max(longest, days);
        }
        return Duration.ofDays(longest);
    }

    /**
     * The validity a policy that names none gets: Key Vault's 12 months, or {@code maximum} when
     * 12 months could be longer than the maximum that applies to it.
     */
    public static Validity defaultValidity(Duration maximum) {
        if (maximum == null || longestMonths(PolicyValidator.DEFAULT_VALIDITY_MONTHS).compareTo(maximum) <= 0) {
            return new Validity.Months(PolicyValidator.DEFAULT_VALIDITY_MONTHS);
        }
        return new Validity.Exact(maximum);
    }

    private static int[] cycle() {
        int[] lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int[] cycle = new int[48];
        for (int i = 0; i < cycle.length; i++) {
            cycle[i] = i == 1 ? 29 : lengths[i % 12];
        }
        return cycle;
    }
}
