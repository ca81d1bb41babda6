package io.renewd.domain.guardrails;

/**
 * A certificate or policy outside one of its vault's guardrails. The message names the rule
 * (by its JSON member name), what broke it and the limit.
 */
public record GuardrailViolation(Guardrail rule, String message) {

    /** Key Vault-style error code of every guardrail refusal. */
    public static final String CODE = "ForbiddenByGuardrail";
}
