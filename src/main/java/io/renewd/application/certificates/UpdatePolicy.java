package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.PolicyValidator;
import io.renewd.domain.security.Caller;
import io.renewd.store.CertificateEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Changes the members of a certificate's policy that the request sends; the rest stay. The result must be within the vault's guardrails. */
@ApplicationScoped
public class UpdatePolicy {

    private final CertificateQueries queries;
    private final PolicyJson policyJson;
    private final IssuerCheck issuerCheck;
    private final ScheduleDueActions schedule;
    private final GuardrailEnforcement guardrails;
    private final PolicyAuthority authority;
    private final NonExportableKeys nonExportableKeys;
    private final Clock clock;

    UpdatePolicy(CertificateQueries queries, PolicyJson policyJson, IssuerCheck issuerCheck, ScheduleDueActions schedule,
                 GuardrailEnforcement guardrails, PolicyAuthority authority, NonExportableKeys nonExportableKeys, Clock clock) {
        this.authority = authority;
        this.queries = queries;
        this.policyJson = policyJson;
        this.issuerCheck = issuerCheck;
        this.schedule = schedule;
        this.guardrails = guardrails;
        this.nonExportableKeys = nonExportableKeys;
        this.clock = clock;
    }

    /**
     * {@code caller} becomes the policy's setter; a result that makes renewd sign needs it to hold create as well as update,
     * whatever the patch changed: otherwise update alone could steer what a vault CA signs.
     */
    @Transactional
    public CertificateView execute(String vault, String name, PolicyDraft patch, Caller caller) {
        CertificateEntity certificate = queries.live(vault, name);
        // Over the policy as stored, not as validated: a stored policy this release no longer reads is mended this way.
        CertificatePolicy validated = validate(patch.over(policyJson.storedDraft(certificate.policy)));
        authority.requireMaySet(vault, caller, validated, "update the policy of certificate '" + certificate.name + "'");
        CertificatePolicy updated = issuerCheck.requireUsable(vault, validated);
        guardrails.requirePolicyAllowed(vault, updated);
        nonExportableKeys.requirePolicyFits(certificate, updated);
        certificate.policy = policyJson.write(updated);
        PolicyAuthority.recordSetter(certificate, caller);
        certificate.policyUpdatedAt = clock.instant();
        schedule.reschedule(certificate);
        return queries.view(queries.vaultOf(vault), certificate);
    }

    private static CertificatePolicy validate(PolicyDraft draft) {
        // The stored draft names its issuer; only one that could not be read at all leaves Key Vault's default.
        return switch (PolicyValidator.validate(draft, IssuerReference.self())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw Failure.badParameter(invalid.message());
        };
    }
}
