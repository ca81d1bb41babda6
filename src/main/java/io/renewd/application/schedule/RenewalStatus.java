package io.renewd.application.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the current version of a certificate stands: what falls due next, what fired last,
 * whether something due has not fired yet (overdue) and whether it has expired.
 */
public record RenewalStatus(Optional<Next> next, Optional<Fired> lastFired, boolean overdue, boolean expired) {

    public record Next(String action, String trigger, Instant dueAt) {
    }

    public record Fired(String action, String trigger, Instant firedAt, boolean late) {
    }
}
