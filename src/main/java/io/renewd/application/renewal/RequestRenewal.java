package io.renewd.application.renewal;

import io.renewd.application.certificates.PendingOperations;
import io.renewd.domain.ActionType;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateRows;
import io.renewd.store.OperationRows;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import io.renewd.store.VersionRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.util.TreeMap;
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
     * Several in one transaction (a poll of events), by JDBC with four statements instead of Hibernate entities: the
     * certificates locked, what the requests read of their current versions, their operations, and the opened operations
     * written. The outcomes in their order.
     */
    @Transactional
    public List<Outcome> executeAll(List<Due> dues) {
        Map<String, Map<String, CertificateEntity>> certificates = lockedCertificates(dues);
        List<Long> ids = certificates.values().stream().flatMap(byName -> byName.values().stream()).map(c -> c.id).toList();
        Map<Long, VersionRows.Current> current = VersionRows.currentOf(ids);
        // Read, not locked: the certificates' locks order the requests, and a lock on an operation in progress would make a
        // renewer's claim (SKIP LOCKED) pass it over until its next look.
        Map<Long, CertificateOperationEntity> operations = new HashMap<>(OperationRows.read(ids));
        Map<Long, CertificateOperationEntity> opened = new LinkedHashMap<>();
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (Due due : dues) {
            CertificateEntity certificate = certificates.getOrDefault(due.vault(), Map.of()).get(due.name().toLowerCase(Locale.ROOT));
            if (certificate == null) {
                outcomes.add(Outcome.CERTIFICATE_GONE);
                continue;
            }
            Outcome outcome = request(certificate, Optional.ofNullable(current.get(certificate.id)), operations, due.version(), now);
            if (outcome == Outcome.REQUESTED) {
                opened.put(certificate.id, operations.get(certificate.id));
            }
            outcomes.add(outcome);
        }
        OperationRows.upsert(opened.values());
        if (!opened.isEmpty()) {
            requested.fire(new RenewalRequested(dues.getFirst().vault(), null));
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
        // Vaults in a fixed order and each vault's certificates in id order: two polls never lock crosswise.
        dues.stream().collect(Collectors.groupingBy(Due::vault, TreeMap::new, Collectors.mapping(due -> due.name().toLowerCase(Locale.ROOT), Collectors.toCollection(TreeSet::new))))
                .forEach((vault, names) -> byVault.put(vault, CertificateRows.lockNamed(vault, names)));
        return byVault;
    }

    /** Opens the renewal on the certificate's operation row, which {@code operations} then holds (asked twice, it is already requested). */
    private Outcome request(CertificateEntity certificate, Optional<VersionRows.Current> current, Map<Long, CertificateOperationEntity> operations,
                            String version, Instant now) {
        CertificateOperationEntity existing = operations.get(certificate.id);
        if (current.isEmpty() || !current.get().version().equals(version)) {
            return Outcome.ALREADY_RENEWED;
        }
        if (!current.get().enabled()) {
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
        CertificateOperationEntity operation = pendingOperations.reset(certificate, existing, now);
        // A policy that can no longer be read: the sweep fired its AutoRenew, so the renewal is opened all the same and its
        // first attempt reports the policy (RenewalFailed, a person must act) instead of this event being retried forever.
        operation.issuerName = policy.map(p -> p.issuer().name())
                .orElseGet(() -> policyJson.issuerName(certificate.policy).orElse(IssuerReference.UNKNOWN));
        operation.certificateType = policy.map(p -> p.issuer().certificateType()).orElse(null);
        operation.certTransparency = policy.map(p -> p.issuer().certificateTransparency()).orElse(null);
        operation.requestedEnabled = true;
        operation.requestedTags = current.get().tags();
        operation.renewsVersion = version;
        operation.nextAttemptAt = now;
        operation.status(OperationStatus.IN_PROGRESS);
        operation.statusDetails = "renewing version " + version + " through issuer '" + operation.issuerName + "'";
        operations.put(certificate.id, operation);
        return Outcome.REQUESTED;
    }
}
