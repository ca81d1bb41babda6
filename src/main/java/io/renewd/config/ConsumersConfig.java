package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Kafka consumers that act on renewd's own events (each in its own consumer group). */
@ConfigMapping(prefix = "renewd.consumers")
public interface ConsumersConfig {

    /** Consumer group of the notifier (mails to the contacts). */
    @WithDefault("renewd-notifier")
    String notifierGroup();

    /** Consumer group of the renewer (AutoRenew). */
    @WithDefault("renewd-renewer")
    String renewerGroup();

    /** Consumer group of the CA rotation cascade (a new version of a {@code ca} issuer's CA certificate re-issues its leaves). */
    @WithDefault("renewd-cascade")
    String cascadeGroup();

    /** How long a consumer waits before it handles an event again that it could not handle (the database was unreachable, say). */
    @WithDefault("5s")
    Duration retryDelay();

    /** How long consumed event ids are remembered to drop redelivered events. */
    @WithDefault("14d")
    Duration memory();
}
