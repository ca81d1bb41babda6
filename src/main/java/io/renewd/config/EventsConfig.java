package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Kafka topics of renewd's events and the outbox relay that publishes them. */
@ConfigMapping(prefix = "renewd.events")
public interface EventsConfig {

    Topics topics();

    Relay relay();

    /** Base of the object URLs in events' {@code Id} (Event Grid's field): renewd's public address. */
    @WithDefault("http://localhost:8080")
    String objectBaseUrl();

    interface Topics {
        /** A lifetime action or a near-expiry notice is due. */
        @WithDefault("renewd.certificate.near-expiry")
        String nearExpiry();

        /** A new version exists: created, imported, merged or renewed. */
        @WithDefault("renewd.certificate.renewed")
        String renewed();

        /** A create or renewal attempt failed. */
        @WithDefault("renewd.certificate.failed")
        String failed();

        /** The current version expired. */
        @WithDefault("renewd.certificate.expired")
        String expired();

        /** A bulk re-issue started or ended ({@code io.renewd.bulk.ReissueStarted}, {@code io.renewd.bulk.ReissueEnded}). */
        @WithDefault("renewd.bulk")
        String bulk();

        /** The audit trail: every API operation, renewal and mail, and the sweep's firings (one message per vault and sweep transaction). */
        @WithDefault("renewd.audit")
        String audit();
    }

    interface Relay {
        /**
         * How often the relay looks for unpublished outbox rows written by other replicas or left
         * by a broker outage (events written by this process are relayed as soon as they commit).
         */
        @WithDefault("1s")
        Duration interval();

        /** Rows published per batch (one transaction, marked published once Kafka acknowledged all of them). */
        @WithDefault("2000")
        int batchSize();

        /** How long a batch waits for the broker's acknowledgements before it is retried. */
        @WithDefault("40s")
        Duration sendTimeout();

        /** How often published rows past the retention are deleted. */
        @WithDefault("10m")
        Duration cleanupInterval();

        /** How long published rows stay in the outbox before they are deleted. */
        @WithDefault("7d")
        Duration retention();
    }
}
