package io.renewd.domain.schedule;

import java.time.Duration;

/**
 * renewd's own near-expiry notices are for versions that live long enough to make them news: a
 * notice {@code lead} before expiry applies only to a version whose lifetime is longer than
 * {@code lead x factor} (with 2: the 30-day notice for versions of more than 60 days). A 6-day or
 * 10-minute certificate would otherwise get an "expires in 0 days" mail the moment it is issued,
 * and again at every renewal. Lifetime actions (EmailContacts, AutoRenew) are not affected.
 *
 * @param factor how many lead times a version must outlive; 0 gives every version every notice
 */
public record NoticeLifetimeRule(int factor) {

    public static final NoticeLifetimeRule DEFAULT = new NoticeLifetimeRule(2);

    public NoticeLifetimeRule {
        if (factor < 0) {
            throw new IllegalArgumentException("the notice lifetime factor must not be negative: " + factor);
        }
    }

    /** Whether a version living {@code lifetime} (not before to not after) gets the notice {@code lead} before its expiry. */
    public boolean applies(Duration lifetime, Duration lead) {
        return lifetime.compareTo(lead.multipliedBy(factor)) > 0;
    }
}
