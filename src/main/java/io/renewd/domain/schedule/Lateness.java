package io.renewd.domain.schedule;

import java.time.Duration;
import java.time.Instant;

/** Whether an action fired late: renewd was down, or behind, when it fell due. */
public final class Lateness {

    private Lateness() {
    }

    public static boolean isLate(Instant dueAt, Instant firedAt, Duration tolerance) {
        return Duration.between(dueAt, firedAt).compareTo(tolerance) > 0;
    }
}
