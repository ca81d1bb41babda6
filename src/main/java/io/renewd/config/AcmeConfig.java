package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How renewd talks to ACME CAs (issuers with provider {@code acme}). */
@ConfigMapping(prefix = "renewd.acme")
public interface AcmeConfig {

    /**
     * A PKCS#12 trust store for ACME servers whose TLS certificate comes from a private CA (a
     * company CA, or Pebble in tests and the local run). It replaces the JDK's default trust for
     * ACME connections only, and is read again when the file changes (a rotated Kubernetes
     * secret). Not set: the JDK's default trust store.
     */
    Optional<Path> trustStore();

    /** The trust store's password. */
    Optional<String> trustStorePassword();

    /**
     * How long one call waits for an order to be validated and issued before it answers
     * "in progress" (the renewer calls again later with the order URL). Keeps calls short.
     */
    @WithDefault("10s")
    Duration orderWait();

    /** How often an order is polled during that wait, when the CA does not say (Retry-After). */
    @WithDefault("1s")
    Duration pollInterval();

    /** When to call again after an "in progress" answer, when the CA does not say (Retry-After). */
    @WithDefault("15s")
    Duration retryAfter();

    /** Connect and response timeout of each HTTP request to an ACME server. */
    @WithDefault("10s")
    Duration requestTimeout();
}
