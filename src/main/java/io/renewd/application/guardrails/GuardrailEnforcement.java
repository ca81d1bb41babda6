package io.renewd.application.guardrails;

import io.renewd.application.Failure;
import io.renewd.domain.CertificateFacts;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.KeySpec;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.guardrails.Candidate;
import io.renewd.domain.guardrails.DefaultValidity;
import io.renewd.domain.guardrails.GuardrailCheck;
import io.renewd.domain.guardrails.GuardrailViolation;
import io.renewd.domain.guardrails.Guardrails;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a vault's guardrails where certificates come in: policy updates, creates, imports,
 * merges (refused with 400 {@code ForbiddenByGuardrail}, nothing stored) and renewal attempts
 * (failed without calling the issuer).
 */
@ApplicationScoped
public class GuardrailEnforcement {

    private final GuardrailQueries queries;

    GuardrailEnforcement(GuardrailQueries queries) {
        this.queries = queries;
    }

    /** A new policy's draft with the validity its vault allows when it names none (see {@link DefaultValidity}). */
    public PolicyDraft withDefaultValidity(String vault, PolicyDraft draft) {
        return DefaultValidity.fill(draft, queries.of(vault), queries.serverAuthMaxValidity());
    }

    /** Refuses a policy (of a create or a policy update) whose certificates the vault does not allow. */
    public void requirePolicyAllowed(String vault, CertificatePolicy policy) {
        require(vault, check(vault, Candidate.ofPolicy("the policy", policy)));
    }

    /**
     * Refuses an import: the certificate as it is (its key, lifetime from notBefore to notAfter,
     * names and EKUs, under the policy's issuer, {@code Unknown} by default), and the policy it
     * brings for later versions. The policy's validity counts only when the import named one:
     * otherwise it was derived from the certificate, whose own lifetime is what was judged.
     */
    public void requireImportAllowed(String vault, CertificateFacts facts, CertificatePolicy policy, boolean validityNamed) {
        Candidate certificate = Candidate.ofCertificate("the imported certificate", facts, policy.issuer().name());
        Candidate forPolicy = Candidate.ofPolicy("the imported certificate's policy", policy);
        if (!validityNamed) {
            forPolicy = forPolicy.withValidity(certificate.validity(), certificate.validityText());
        }
        List<GuardrailViolation> violations = new ArrayList<>(check(vault, certificate));
        for (GuardrailViolation violation : check(vault, forPolicy)) {
            if (violations.stream().noneMatch(v -> v.rule() == violation.rule())) {
                violations.add(violation);
            }
        }
        require(vault, violations);
    }

    /**
     * Refuses a restore into a vault whose guardrails its policy or its current version break: the policy as it
     * will make certificates, the version as it is.
     */
    public void requireRestoreAllowed(String vault, CertificateFacts current, CertificatePolicy policy) {
        List<GuardrailViolation> violations = new ArrayList<>(check(vault, Candidate.ofPolicy("the restored policy", policy)));
        for (GuardrailViolation violation : check(vault, Candidate.ofCertificate("the restored certificate", current, policy.issuer().name()))) {
            if (violations.stream().noneMatch(v -> v.rule() == violation.rule())) {
                violations.add(violation);
            }
        }
        require(vault, violations);
    }

    /** Refuses a merged certificate (signed outside renewd for issuer {@code issuerName}) that the vault does not allow. */
    public void requireMergeAllowed(String vault, CertificateFacts facts, String issuerName) {
        require(vault, check(vault, Candidate.ofCertificate("the merged certificate", facts, issuerName)));
    }

    /** The vault's guardrails as they are now, for {@link #refusal} of several attempts in the vault. */
    public Guardrails of(String vault) {
        return queries.of(vault);
    }

    /**
     * Why a renewal attempt must not obtain a certificate for {@code policy} with the operation's
     * key ({@code key}, made when the operation opened) from {@code issuerName} under the vault's
     * current guardrails ({@code guardrails}, read by {@link #of} in the attempt's transaction); empty when it may.
     */
    public Optional<String> refusal(String vault, Guardrails guardrails, CertificatePolicy policy, KeySpec key, String issuerName) {
        var violations = GuardrailCheck.check(guardrails, Candidate.ofPolicy("the certificate to issue", policy).withKey(key).withIssuer(issuerName),
                queries.serverAuthMaxValidity());
        return violations.isEmpty() ? Optional.empty() : Optional.of(GuardrailCheck.message(vault, violations));
    }

    private List<GuardrailViolation> check(String vault, Candidate candidate) {
        Guardrails guardrails = queries.of(vault);
        return GuardrailCheck.check(guardrails, candidate, queries.serverAuthMaxValidity());
    }

    private static void require(String vault, List<GuardrailViolation> violations) {
        if (!violations.isEmpty()) {
            throw new Failure(Failure.Kind.BAD_REQUEST, GuardrailViolation.CODE, GuardrailCheck.message(vault, violations));
        }
    }
}
