package io.renewd.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How long a new certificate is valid: whole months (Key Vault's {@code validity_months}) or an
 * exact duration (renewd's {@code validity} extension for short-lived certificates).
 */
public sealed interface Validity {

    /** The notAfter of a certificate valid from {@code notBefore}. */
    Instant notAfter(Instant notBefore);

    /** Whether a {@code days_before_expiry} trigger of {@code days} fits this validity. */
    boolean allowsDaysBeforeExpiry(int days);

    record Months(int months) implements Validity {
        @Override
        public Instant notAfter(Instant notBefore) {
            return notBefore.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
        }

        /** Key Vault's bound: at most 27 days per month of validity. */
        @Override
        public boolean allowsDaysBeforeExpiry(int days) {
            return days <= months * 27;
        }
    }

    record Exact(Duration duration) implements Validity {
        @Override
        public Instant notAfter(Instant notBefore) {
            return notBefore.plus(duration);
        }

        /** The trigger must fall after issuance: strictly shorter than the validity. */
        @Override
        public boolean allowsDaysBeforeExpiry(int days) {
            return Duration.ofDays(days).compareTo(duration) < 0;
        }
    }
}
