package io.renewd.application.renewal;

import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.application.certificates.KeyPairSource;
import io.renewd.application.certificates.PendingOperations;
import io.renewd.application.certificates.PolicyAuthority;
import io.renewd.application.certificates.SigningAuthorities;
import io.renewd.application.certificates.Templates;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.application.issuers.IssuerStore;
import io.renewd.config.RenewerConfig;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.guardrails.GuardrailViolation;
import io.renewd.domain.guardrails.Guardrails;
import io.renewd.events.AuditTrail;
import io.renewd.events.EventOutbox;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import io.renewd.issuer.Signer;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import io.renewd.store.VersionRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Gathers what one attempt needs, or ends the operation when it must not go on: cancelled on
 * request (before anything reaches the CA), certificate deleted or disabled; or, when the certificate's stored policy cannot
 * be read, records the attempt as failed.
 */
@ApplicationScoped
public class PrepareAttempt {

    /** What the renewer does with a claimed operation. */
    public sealed interface Prepared {
    }

    /**
     * Call the issuer with {@code request}; {@code lifetime} and {@code expiry} size the backoff after a failure.
     * {@code refused} is set when the attempt fails before the issuer is called (the issuer object is gone or disabled,
     * the policy is outside the vault's guardrails, whoever set it may no longer make renewd sign, or renewd has no adapter for
     * the issuer's provider).
     */
    public record Attempt(IssueRequest request, String provider, Duration lifetime, Optional<Instant> expiry,
                          Optional<IssueResult.Failed> refused) implements Prepared {
    }

    /** Nothing to call: the operation ended or is no longer this renewer's. */
    public record Ended(String why) implements Prepared {
    }

    private final PendingOperations pendingOperations;
    private final PolicyJson policyJson;
    private final IssuerStore issuers;
    private final GuardrailEnforcement guardrails;
    /** The failure code of a renewal whose policy's setter may no longer make renewd sign. */
    public static final String SIGNING_NOT_AUTHORIZED = "SigningNotAuthorized";
    /** The failure code of a renewal through an issuer whose provider renewd has no adapter for. */
    public static final String ISSUER_NOT_SUPPORTED = "IssuerNotSupported";
    /** The provider of such an attempt as metrics name it: users name providers, and each name would be a new time series. */
    static final String UNSUPPORTED_PROVIDER = "unsupported";

    private final RenewerConfig config;
    private final PolicyAuthority authority;
    private final SigningAuthorities signingAuthorities;
    private final KeyPairSource keySource;
    private final FinishBulkReissue bulks;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    PrepareAttempt(PendingOperations pendingOperations, PolicyJson policyJson, IssuerStore issuers, GuardrailEnforcement guardrails,
                   RenewerConfig config, PolicyAuthority authority, SigningAuthorities signingAuthorities, KeyPairSource keySource,
                   FinishBulkReissue bulks, EventOutbox outbox, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.keySource = keySource;
        this.bulks = bulks;
        this.authority = authority;
        this.signingAuthorities = signingAuthorities;
        this.config = config;
        this.pendingOperations = pendingOperations;
        this.policyJson = policyJson;
        this.issuers = issuers;
        this.guardrails = guardrails;
        this.clock = clock;
    }

    @Transactional
    public Prepared execute(ClaimOperations.Claim claim) {
        return executeAll(List.of(claim)).getFirst();
    }

    /**
     * Several claims in one transaction (attempts at issuers that answer at once), in their order. Their operations,
     * certificates and current versions are read with one query each, the operations locked in the order of their ids.
     */
    @Transactional
    public List<Prepared> executeAll(List<ClaimOperations.Claim> claims) {
        ChunkRows rows = ChunkRows.read(claims.stream().map(ClaimOperations.Claim::certificateId).toList());
        Changes changes = new Changes();
        List<Prepared> prepared = claims.stream().map(claim -> prepare(claim, rows, changes)).toList();
        rows.writeOperations(changes.operations);
        // Once the operations are stored: a bulk ends when none of its operations is in progress any more.
        changes.endedBulks.forEach(bulks::afterOperationEnded);
        return prepared;
    }

    /** What a chunk's preparations change, written together, and the guardrails of its vaults, read once per vault. */
    private static final class Changes {
        final List<CertificateOperationEntity> operations = new ArrayList<>();
        final Set<UUID> endedBulks = new LinkedHashSet<>();
        // A vault without guardrails has no row, and Hibernate's session remembers no missing row: read each vault once.
        final Map<String, Guardrails> guardrails = new HashMap<>();
        // A bulk's or a cascade's chunk names one issuer and one CA many times: each is read (and the CA's key opened) once.
        final Map<List<String>, Optional<CertificateIssuerEntity>> issuers = new HashMap<>();
        final Map<List<String>, CaAuthority> authorities = new HashMap<>();
    }

    /** A CA certificate that can sign now, or why not. */
    private record CaAuthority(Optional<Signer> signer, String unusable) {
    }

    private static List<String> key(String vault, String name) {
        return List.of(vault, name.toLowerCase(Locale.ROOT));
    }

    private Prepared prepare(ClaimOperations.Claim claim, ChunkRows rows, Changes changes) {
        // A batch is leased at once but worked one by one: the lease starts again for this attempt, if it is still ours,
        // so no other renewer takes the operation over while this one talks to the CA.
        CertificateOperationEntity operation = rows.operation(claim.certificateId());
        if (operation == null || !claim.requestId().equals(operation.requestId) || !claim.owner().equals(operation.leaseOwner)
                || operation.status() != OperationStatus.IN_PROGRESS) {
            return new Ended("the operation changed since it was claimed");
        }
        changes.operations.add(operation);
        operation.leaseUntil = clock.instant().plus(config.lease());
        CertificateEntity certificate = rows.certificate(claim.certificateId());
        Instant now = clock.instant();
        if (operation.cancellationRequested) {
            return end(operation, OperationStatus.CANCELLED, null, "cancelled on request", now, changes);
        }
        if (certificate.isDeleted()) {
            return end(operation, OperationStatus.FAILED, "CertificateDeleted", "the certificate was deleted", now, changes);
        }
        Optional<VersionRows.Current> current = rows.current(certificate.id);
        if (operation.renewsVersion != null && current.isPresent() && !current.get().enabled()) {
            return end(operation, OperationStatus.FAILED, "CertificateDisabled", "the certificate was disabled", now, changes);
        }
        CertificatePolicy policy;
        try {
            policy = policyJson.read(certificate.policy);
        } catch (StoredPolicyUnreadable e) {
            return unreadablePolicy(operation, certificate, current, e, now, changes);
        }
        CertificateTemplate template = Templates.of(policy.x509(), now);
        Duration lifetime = Duration.between(template.notBefore(), template.notAfter());
        Optional<Instant> expiry = current.map(VersionRows.Current::notAfter);
        Optional<IssuerProvider> provider = Optional.empty();
        Optional<IssuerCredentials> credentials = Optional.empty();
        // Renewals and bulk re-issues open their operations without keys (thousands at once): the key is made at the first attempt.
        KeyPair keys = operation.publicKey == null
                ? pendingOperations.awaitCertificate(operation, certificate, keySource.forNextVersion(certificate, policy), template)
                : pendingOperations.keyPair(certificate, operation);
        // The guardrails may have changed since the policy was set or the key made: outside them, no certificate.
        Optional<IssueResult.Failed> refused = guardrails
                .refusal(certificate.vault, changes.guardrails.computeIfAbsent(certificate.vault, guardrails::of), policy,
                        KeyPairs.describe(keys.getPublic()), operation.issuerName)
                .map(why -> new IssueResult.Failed(GuardrailViolation.CODE, why, false, Optional.empty()));
        // Rights change too: a policy that makes renewd sign needs its setter to hold create now, not only when it was set.
        if (refused.isEmpty()) {
            refused = authority.refusalAtRenewal(certificate, policy)
                    .map(why -> new IssueResult.Failed(SIGNING_NOT_AUTHORIZED, why, false, Optional.empty()));
        }
        String providerName = operation.issuerName;
        if (refused.isEmpty() && !policy.issuer().isSelf()) {
            Optional<CertificateIssuerEntity> issuer = changes.issuers.computeIfAbsent(key(certificate.vault, operation.issuerName),
                    named -> issuers.find(certificate.vault, operation.issuerName));
            if (issuer.isEmpty() || !issuer.get().enabled) {
                refused = Optional.of(new IssueResult.Failed("IssuerNotFound", "issuer '" + operation.issuerName + "' of vault '"
                        + certificate.vault + "' " + (issuer.isEmpty() ? "does not exist" : "is disabled"), false, Optional.empty()));
            } else {
                provider = Optional.of(issuers.provider(issuer.get()));
                credentials = issuers.credentials(issuer.get());
                providerName = provider.get().name();
            }
        }
        // Before any adapter is looked up: a provider spelled like one ("Self") must not reach it, nor its name a metric label.
        if (provider.orElse(null) instanceof IssuerProvider.Unsupported unsupported) {
            providerName = UNSUPPORTED_PROVIDER;
            credentials = Optional.empty();
            if (refused.isEmpty()) {
                refused = Optional.of(new IssueResult.Failed(ISSUER_NOT_SUPPORTED, unsupported.refusal(operation.issuerName), false,
                        Optional.empty()));
            }
        }
        Optional<Signer> signer = Optional.empty();
        if (refused.isEmpty() && provider.orElse(null) instanceof IssuerProvider.InternalCa ca) {
            CaAuthority signing = changes.authorities.computeIfAbsent(key(certificate.vault, ca.certificateName()), named -> {
                try {
                    return new CaAuthority(Optional.of(signingAuthorities.current(certificate.vault, ca.certificateName())), null);
                } catch (SigningAuthorities.Unusable e) {
                    return new CaAuthority(Optional.empty(), e.getMessage());
                }
            });
            signer = signing.signer();
            if (signer.isEmpty()) {
                refused = Optional.of(new IssueResult.Failed("IssuerMisconfigured", "issuer '" + operation.issuerName + "': " + signing.unusable(),
                        false, Optional.empty()));
            }
        }
        var request = new IssueRequest(certificate.vault, certificate.name, operation.requestId, operation.issuerName, provider,
                credentials, template, keys, operation.csr,
                Optional.ofNullable(operation.issuerState), operation.attempts + 1, signer);
        return new Attempt(request, providerName, lifetime, expiry, refused);
    }

    /**
     * Nothing can be asked of an issuer without the policy: the attempt fails as a refusal does (a person must act, the next
     * attempt after the backoff, a {@code RenewalFailed} event), so setting a valid policy is all it takes to go on.
     */
    private Ended unreadablePolicy(CertificateOperationEntity operation, CertificateEntity certificate,
                                   Optional<VersionRows.Current> current, StoredPolicyUnreadable unreadable, Instant now,
                                   Changes changes) {
        var failed = new IssueResult.Failed(StoredPolicyUnreadable.CODE, unreadable.getMessage()
                + " (set a valid policy, PATCH /certificates/" + certificate.name + "/policy, and the next attempt goes on)", false, Optional.empty());
        // Without a version (none was ever issued) the shortest delays.
        Duration lifetime = current.map(v -> Duration.between(v.notBefore(), v.notAfter())).orElse(Duration.ZERO);
        CertificateEvent.RenewalFailed event = AttemptFailure.record(operation, certificate, current, failed, lifetime,
                current.map(VersionRows.Current::notAfter), now, config);
        operation.leaseOwner = null;
        operation.leaseUntil = null;
        operation.updatedAt = now;
        outbox.write(event);
        audit.record(new AuditRecord(now, AuditRecord.RENEWER, certificate.vault, certificate.name,
                operation.renewsVersion == null ? "createCertificate" : "renewCertificate", AuditRecord.FAILED, null, null,
                failed.code() + " (attempt " + operation.attempts + ")"));
        if (operation.status() != OperationStatus.IN_PROGRESS && operation.bulkId != null) {
            changes.endedBulks.add(operation.bulkId);
        }
        return new Ended(failed.message());
    }

    private Ended end(CertificateOperationEntity operation, OperationStatus status, String errorCode, String why, Instant now,
                      Changes changes) {
        operation.status(status);
        operation.statusDetails = why;
        if (errorCode != null) {
            operation.errorCode = errorCode;
            operation.errorMessage = why;
        }
        operation.nextAttemptAt = null;
        operation.leaseOwner = null;
        operation.leaseUntil = null;
        operation.privateKeySealed = null;
        operation.updatedAt = now;
        if (operation.bulkId != null) {
            changes.endedBulks.add(operation.bulkId);
        }
        return new Ended(why);
    }
}
