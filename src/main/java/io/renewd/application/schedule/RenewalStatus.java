package io.renewd.application.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the current version of a certificate stands: what falls due next, what fired last,
 * whether something due has not fired yet (overdue) and whether it has expired; for a version
 * from an ACME CA that offers renewal information (RFC 9773), the window it suggests.
 */
public record RenewalStatus(Optional<Next> next, Optional<Fired> lastFired, boolean overdue, boolean expired, Optional<RenewalInfo> ari) {

    public record Next(String action, String trigger, Instant dueAt) {
    }

    public record Fired(String action, String trigger, Instant firedAt, boolean late) {
    }

    /** The CA's suggested window (empty until first fetched), when renewd last had it and will ask again, the last failure. */
    public record RenewalInfo(Optional<Instant> start, Optional<Instant> end, Optional<String> explanationUrl, Optional<Instant> lastChecked,
                              Instant nextCheck, Optional<String> error) {
    }
}
