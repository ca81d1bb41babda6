package io.renewd.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** Guardrails an operator may give every vault that sets none of its own. None by default: renewd accepts what Key Vault accepts. */
@ConfigMapping(prefix = "renewd.guardrails")
public interface GuardrailsConfig {

    /**
     * The longest validity of certificates whose extended key usages include serverAuth, in every
     * vault without a {@code max_validity} of its own; unset, no such limit. Public CAs enforce the
     * CA/Browser Forum limits themselves (200 days from 15 March 2026, 100 from 2027, 47 from 2029);
     * this is for operators who want renewd's own CAs and self-signed certificates held to them too.
     */
    Optional<Duration> serverAuthMaxValidity();
}
