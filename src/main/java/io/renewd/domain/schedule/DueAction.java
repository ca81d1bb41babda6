package io.renewd.domain.schedule;

import java.time.Instant;

/**
 * Something due for a version at {@code dueAt}. {@code trigger} is a stable label, unique per
 * version: {@code lifetime_percentage:80}, {@code days_before_expiry:30}, {@code notice:P30D}, {@code expired}.
 */
public record DueAction(DueKind kind, String trigger, Instant dueAt) {
}
