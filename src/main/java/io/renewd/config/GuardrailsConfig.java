package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Guardrails every vault has unless it sets its own. */
@ConfigMapping(prefix = "renewd.guardrails")
public interface GuardrailsConfig {

    /**
     * The longest validity of certificates whose extended key usages include serverAuth, in every
     * vault without a {@code max_validity} of its own: the CA/Browser Forum limit from 15 March 2026
     * (100 days from 2027, 47 days from 2029).
     */
    @WithDefault("200d")
    Duration serverAuthMaxValidity();
}
