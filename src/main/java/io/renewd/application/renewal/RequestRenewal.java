package io.renewd.application.renewal;

import io.renewd.application.certificates.PendingOperations;
import io.renewd.domain.ActionType;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An AutoRenew action fell due for a version: opens the pending operation that the renewer
 * works on, without a key (the renewer makes it at the first attempt). Idempotent: asking again
 * for the same version, or for a version that already has
 * a successor, does nothing.
 */
@ApplicationScoped
public class RequestRenewal {

    private static final Logger LOG = Logger.getLogger(RequestRenewal.class);

    /** What the request came to. */
    public enum Outcome {
        REQUESTED, ALREADY_REQUESTED, ALREADY_RENEWED, CERTIFICATE_GONE, DISABLED, OTHER_OPERATION_PENDING, NO_ISSUER,
        /** The certificate's policy has no AutoRenew action (any more). */
        NO_AUTO_RENEW
    }

    private final PolicyJson policyJson;
    private final PendingOperations pendingOperations;
    private final Event<RenewalRequested> requested;
    private final Clock clock;

    RequestRenewal(PolicyJson policyJson, PendingOperations pendingOperations, Event<RenewalRequested> requested, Clock clock) {
        this.policyJson = policyJson;
        this.pendingOperations = pendingOperations;
        this.requested = requested;
        this.clock = clock;
    }

    /** A version whose AutoRenew fell due. */
    public record Due(String vault, String name, String version) {
    }

    @Transactional
    public Outcome execute(String vault, String name, String version) {
        return executeAll(List.of(new Due(vault, name, version))).getFirst();
    }

    /**
     * Several in one transaction (a poll of events), read with three queries instead of three per version: the certificates
     * locked, their current versions, their operations. The outcomes in their order.
     */
    @Transactional
    public List<Outcome> executeAll(List<Due> dues) {
        Map<String, Map<String, CertificateEntity>> certificates = lockedCertificates(dues);
        List<Long> ids = certificates.values().stream().flatMap(byName -> byName.values().stream()).map(c -> c.id).toList();
        Map<Long, CertificateVersionEntity> current = CertificateVersionEntity.latestOf(ids);
        // Loaded into the session: reset() finds them there.
        Map<Long, CertificateOperationEntity> operations = CertificateOperationEntity.ofCertificates(ids);
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (Due due : dues) {
            CertificateEntity certificate = certificates.getOrDefault(due.vault(), Map.of()).get(due.name().toLowerCase(Locale.ROOT));
            outcomes.add(certificate == null ? Outcome.CERTIFICATE_GONE
                    : request(certificate, Optional.ofNullable(current.get(certificate.id)), operations.get(certificate.id), due.version(), now));
        }
        return outcomes;
    }

    private Optional<CertificatePolicy> readable(CertificateEntity certificate) {
        try {
            return Optional.of(policyJson.read(certificate.policy));
        } catch (StoredPolicyUnreadable e) {
            LOG.warnf("%s/%s: its renewal is opened with a stored policy renewd cannot read (%s); the renewer reports it", certificate.vault,
                    certificate.name, e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, Map<String, CertificateEntity>> lockedCertificates(List<Due> dues) {
        Map<String, Map<String, CertificateEntity>> byVault = new HashMap<>();
        dues.stream().collect(Collectors.groupingBy(Due::vault, LinkedHashMap::new, Collectors.mapping(due -> due.name().toLowerCase(Locale.ROOT), Collectors.toCollection(TreeSet::new))))
                .forEach((vault, names) -> byVault.put(vault, CertificateEntity.<CertificateEntity>find(
                                "vault = ?1 and lower(name) in ?2 and deletedAt is null order by id", vault, names)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).stream()
                        .collect(Collectors.toMap(c -> c.name.toLowerCase(Locale.ROOT), c -> c))));
        return byVault;
    }

    private Outcome request(CertificateEntity certificate, Optional<CertificateVersionEntity> current, CertificateOperationEntity existing,
                            String version, Instant now) {
        if (current.isEmpty() || !current.get().version.equals(version)) {
            return Outcome.ALREADY_RENEWED;
        }
        if (!current.get().enabled) {
            return Outcome.DISABLED;
        }
        if (existing != null && version.equals(existing.renewsVersion)) {
            return Outcome.ALREADY_REQUESTED;
        }
        if (existing != null && existing.status() == OperationStatus.IN_PROGRESS) {
            return Outcome.OTHER_OPERATION_PENDING;
        }
        Optional<CertificatePolicy> policy = readable(certificate);
        if (policy.isPresent() && policy.get().lifetimeActions().stream().noneMatch(a -> a.type() == ActionType.AUTO_RENEW)) {
            return Outcome.NO_AUTO_RENEW;
        }
        if (policy.isPresent() && policy.get().issuer().isUnknown()) {
            return Outcome.NO_ISSUER;
        }
        // No key yet: the renewer makes it at the first attempt (PrepareAttempt), so opening a renewal is one row written
        // and a burst of them is not held up by key generation.
        CertificateOperationEntity operation = pendingOperations.reset(certificate, now);
        // A policy that can no longer be read: the sweep fired its AutoRenew, so the renewal is opened all the same and its
        // first attempt reports the policy (RenewalFailed, a person must act) instead of this event being retried forever.
        operation.issuerName = policy.map(p -> p.issuer().name())
                .orElseGet(() -> policyJson.issuerName(certificate.policy).orElse(IssuerReference.UNKNOWN));
        operation.certificateType = policy.map(p -> p.issuer().certificateType()).orElse(null);
        operation.certTransparency = policy.map(p -> p.issuer().certificateTransparency()).orElse(null);
        operation.requestedEnabled = true;
        operation.requestedTags = current.get().tags;
        operation.renewsVersion = version;
        operation.nextAttemptAt = now;
        operation.status(OperationStatus.IN_PROGRESS);
        operation.statusDetails = "renewing version " + version + " through issuer '" + operation.issuerName + "'";
        operation.persist();
        requested.fire(new RenewalRequested(certificate.vault, certificate.name));
        return Outcome.REQUESTED;
    }
}
