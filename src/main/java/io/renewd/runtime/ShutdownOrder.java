package io.renewd.runtime;

import java.time.Duration;

/**
 * The order in which background work stops on SIGTERM, while the database and Kafka are still
 * up: consumers first (they stop taking events and commit what they handled), then the workers
 * (the renewer, the relay, the mail sender finish the step in hand). Lower runs first.
 */
public final class ShutdownOrder {

    /** Kafka consumers stop before the work they feed. */
    public static final int CONSUMERS = 100;
    /** Workers that finish the step in hand. */
    public static final int WORK = 200;
    /** How long a worker may take to finish its step; Kubernetes' grace period (60 s in deploy/) must be longer than this plus the consumers' stop. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private ShutdownOrder() {
    }
}
