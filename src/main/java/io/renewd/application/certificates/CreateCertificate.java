package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.application.renewal.RenewalRequested;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.PolicyValidator;
import io.renewd.domain.VersionCause;
import io.renewd.domain.security.Caller;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a new version of a certificate (the first one creates the certificate). Issuer
 * {@code Self}: the version is made at once. {@code Unknown}: a CSR waits for a merge. A named
 * issuer: the operation waits for the renewer. The policy must be within the vault's guardrails; one that
 * names no validity gets the longest its guardrails allow, up to Key Vault's 12 months.
 */
@ApplicationScoped
public class CreateCertificate {

    /** {@code policy} may be null for a certificate that already has one. */
    /** {@code preserveCertOrder} (Key Vault 7.6): a merge keeps the chain in the order it is given. */
    public record Command(String vault, String name, PolicyDraft policy, Boolean enabled, Map<String, String> tags,
                          Boolean preserveCertOrder) {
    }

    private final CertificateSlots slots;
    private final PolicyJson policyJson;
    private final IssuerCheck issuerCheck;
    private final KeyPairSource keys;
    private final VersionWriter versions;
    private final PendingOperations pendingOperations;
    private final Event<RenewalRequested> renewalRequested;
    private final GuardrailEnforcement guardrails;
    private final NonExportableKeys nonExportableKeys;
    private final Clock clock;

    CreateCertificate(CertificateSlots slots, PolicyJson policyJson, IssuerCheck issuerCheck, KeyPairSource keys,
                      VersionWriter versions, PendingOperations pendingOperations, Event<RenewalRequested> renewalRequested,
                      GuardrailEnforcement guardrails, NonExportableKeys nonExportableKeys, Clock clock) {
        this.slots = slots;
        this.policyJson = policyJson;
        this.issuerCheck = issuerCheck;
        this.keys = keys;
        this.versions = versions;
        this.pendingOperations = pendingOperations;
        this.renewalRequested = renewalRequested;
        this.guardrails = guardrails;
        this.nonExportableKeys = nonExportableKeys;
        this.clock = clock;
    }

    /** {@code caller} holds create (the operation's own permission): it becomes the policy's setter, for the renewer's check. */
    @Transactional
    public OperationView execute(Command command, Caller caller) {
        Optional<CertificateEntity> claimed = slots.claim(command.vault(), command.name());
        CertificatePolicy policy = issuerCheck.requireUsable(command.vault(), policy(command, claimed));
        guardrails.requirePolicyAllowed(command.vault(), policy);
        Map<String, String> tags = command.tags() == null ? Map.of() : command.tags();
        UpdateCertificate.checkTags(tags);
        boolean enabled = command.enabled() == null || command.enabled();
        if (command.policy() != null) {
            claimed.ifPresent(existing -> nonExportableKeys.requirePolicyFits(existing, policy));
        }
        Instant now = clock.instant();
        CertificateEntity certificate = slots.withPolicy(command.vault(), command.name(), claimed, policy, now);
        PolicyAuthority.recordSetter(certificate, caller);
        certificate.preserveCertOrder = Boolean.TRUE.equals(command.preserveCertOrder());

        KeyPairSource.NextKey key = keys.forNextVersion(certificate, policy);
        CertificateTemplate template = Templates.of(policy.x509(), now);
        var operation = pendingOperations.reset(certificate, now);
        operation.issuerName = policy.issuer().name();
        operation.certificateType = policy.issuer().certificateType();
        operation.certTransparency = policy.issuer().certificateTransparency();
        operation.requestedEnabled = enabled;
        operation.requestedTags = tags;
        if (policy.issuer().isSelf()) {
            var leaf = CertificateIssuance.selfSigned(key.pair(), template);
            versions.write(certificate, new VersionWriter.NewVersion(leaf, List.of(), key.pair().getPrivate(),
                    key.exportable(), enabled, tags, VersionCause.CREATED, policy.issuer().name()));
            operation.status(OperationStatus.COMPLETED);
            operation.statusDetails = "self-signed certificate issued";
        } else {
            pendingOperations.awaitCertificate(operation, certificate, key, template);
            operation.status(OperationStatus.IN_PROGRESS);
            if (policy.issuer().isUnknown()) {
                operation.statusDetails = "waiting for the signed certificate: get the CSR, have it signed, then merge it";
            } else {
                operation.statusDetails = "waiting for issuer '" + policy.issuer().name() + "'";
                operation.nextAttemptAt = now;
                renewalRequested.fire(new RenewalRequested(certificate.vault, certificate.name));
            }
        }
        operation.persist();
        return OperationQueries.view(certificate.vault, certificate.name, operation);
    }

    private CertificatePolicy policy(Command command, Optional<CertificateEntity> existing) {
        if (command.policy() == null) {
            return existing.map(c -> policyJson.read(c.policy)).orElseThrow(() ->
                    Failure.badParameter("a policy is required to create certificate '" + command.name() + "'"));
        }
        PolicyDraft draft = guardrails.withDefaultValidity(command.vault(), command.policy());
        return switch (PolicyValidator.validate(draft, IssuerReference.self())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw Failure.badParameter(invalid.message());
        };
    }
}
