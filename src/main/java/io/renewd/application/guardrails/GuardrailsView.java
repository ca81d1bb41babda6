package io.renewd.application.guardrails;

import io.renewd.domain.guardrails.Guardrails;

import java.time.Duration;
import java.time.Instant;

/**
 * A vault's guardrails as the API shows them, with the deployment's serverAuth default that
 * applies while the vault sets no {@code max_validity} (null when the operator set none).
 * {@code created}/{@code updated} are null when the vault never set any.
 */
public record GuardrailsView(String vault, Guardrails guardrails, Duration serverAuthMaxValidity, Instant created, Instant updated) {
}
