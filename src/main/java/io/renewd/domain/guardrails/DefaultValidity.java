package io.renewd.domain.guardrails;

import io.renewd.domain.Durations;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.Validity;

import java.time.Duration;

/**
 * The validity of a new policy that names none. Key Vault gives 12 months; when the maximum that
 * applies to the policy (the vault's {@code max_validity}, or the serverAuth default) could be
 * shorter than that, the policy gets the maximum instead, as renewd's exact {@code validity}: a
 * policy left to its defaults is always within its vault's guardrails.
 */
public final class DefaultValidity {

    private DefaultValidity() {
    }

    /** {@code draft} with its validity filled in when it names none; otherwise {@code draft} itself. */
    public static PolicyDraft fill(PolicyDraft draft, Guardrails guardrails, Duration serverAuthDefault) {
        PolicyDraft.X509Draft x509 = draft.x509();
        if (x509 != null && (x509.validityMonths() != null || x509.validity() != null)) {
            return draft;
        }
        Duration maximum = guardrails.maxValidityFor(x509 == null ? null : x509.ekus(), serverAuthDefault)
                .map(Guardrails.ValidityLimit::maximum).orElse(null);
        if (!(ValidityBounds.defaultValidity(maximum) instanceof Validity.Exact exact)) {
            return draft;
        }
        var base = x509 == null ? new PolicyDraft.X509Draft(null, null, null, null, null, null) : x509;
        var filled = new PolicyDraft.X509Draft(base.subject(), base.sans(), base.ekus(), base.keyUsage(), null,
                Durations.iso(exact.duration()));
        return new PolicyDraft(draft.key(), draft.contentType(), filled, draft.lifetimeActions(), draft.issuer(), draft.enabled());
    }
}
