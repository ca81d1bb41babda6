package io.renewd.application.cascade;

import io.renewd.application.bulk.BulkReissueView;
import io.renewd.application.bulk.StartBulkReissue;
import io.renewd.application.issuers.IssuerStore;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.bulk.ReissueSelector;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CA rotation cascade: a new version of a certificate that a {@code ca} issuer of its vault signs with re-issues the leaves
 * the previous version signed, as one bulk re-issue. Everything is read from the database (an event names the version only).
 * <ul>
 *   <li>Only leaves whose policy names one of the CA's enabled {@code ca} issuers with the cascade on are chosen: those are
 *       the ones the new version will sign. A leaf of an issuer with the cascade off stays until its own renewal.</li>
 *   <li>Several such issuers over one CA: one bulk, spread over the shortest of their spreads (the most urgent wins).</li>
 *   <li>The idempotency key names the CA version, so the same rotation never starts a second bulk, whatever event announces it.</li>
 * </ul>
 */
@ApplicationScoped
public class StartCaRotationCascade {

    /** Who the bulk re-issue names as having asked. */
    public static final String ACTOR = "renewd (CA rotation)";

    private final StartBulkReissue startBulkReissue;
    private final IssuerStore issuers;

    StartCaRotationCascade(StartBulkReissue startBulkReissue, IssuerStore issuers) {
        this.startBulkReissue = startBulkReissue;
        this.issuers = issuers;
    }

    /** The bulk started (or started before for this version); empty when the database shows no rotation to cascade. */
    @Transactional
    public Optional<BulkReissueView> execute(String vault, String name, String version) {
        Optional<CertificateEntity> ca = CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted());
        Optional<CertificateVersionEntity> rotated = ca.flatMap(c -> CertificateVersionEntity.findVersion(c.id, version));
        if (rotated.isEmpty()) {
            return Optional.empty();
        }
        List<Cascading> cascading = cascadingIssuers(vault, name);
        Optional<CertificateVersionEntity> previous = previous(rotated.get());
        if (cascading.isEmpty() || previous.isEmpty()) {
            return Optional.empty();
        }
        Duration spread = cascading.stream().map(Cascading::spread).min(Duration::compareTo).orElseThrow();
        List<String> issuerNames = cascading.stream().map(c -> c.issuer().toLowerCase(Locale.ROOT)).sorted().toList();
        String oldVersion = previous.get().version;
        return Optional.of(startBulkReissue.execute(new StartBulkReissue.Request(vault,
                new ReissueSelector.CaRotation(name, oldVersion, issuerNames),
                "CA rotation: certificate '" + name + "' has a new version " + version + "; re-issuing the leaves its previous version "
                        + oldVersion + " signed (issuers " + String.join(", ", issuerNames) + ")",
                spread, Optional.of(idempotencyKey(name, version)), ACTOR)));
    }

    /** A certificate that a {@code ca} issuer of its vault signs with, with the cascade on; its name in lower case (names are case-insensitive). */
    public record CascadingCa(String vault, String name) {
        public static CascadingCa of(String vault, String name) {
            return new CascadingCa(vault, name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The certificates of these vaults whose new versions are rotations to cascade: one query for a whole poll of events, so the
     * many new versions that are no CA's cost nothing more.
     */
    @Transactional
    public Set<CascadingCa> cascadingCas(Collection<String> vaults) {
        if (vaults.isEmpty()) {
            return Set.of();
        }
        List<CertificateIssuerEntity> rows = CertificateIssuerEntity.list("key.vault in ?1 and lower(provider) = ?2 and enabled = true",
                vaults, IssuerProvider.InternalCa.NAME);
        return rows.stream().flatMap(row -> issuers.provider(row) instanceof IssuerProvider.InternalCa ca && ca.effectiveCascade().on()
                        ? Stream.of(CascadingCa.of(row.key.vault(), ca.certificateName())) : Stream.empty())
                .collect(Collectors.toSet());
    }

    /** One rotation of one CA version: the same key for every event that announces it. */
    static String idempotencyKey(String name, String version) {
        return "ca-rotation:" + name + "/" + version;
    }

    private record Cascading(String issuer, Duration spread) {
    }

    private List<Cascading> cascadingIssuers(String vault, String name) {
        List<CertificateIssuerEntity> rows = CertificateIssuerEntity.list("key.vault = ?1 and lower(provider) = ?2 and enabled = true",
                vault, IssuerProvider.InternalCa.NAME);
        return rows.stream().flatMap(row -> issuers.provider(row) instanceof IssuerProvider.InternalCa ca
                        && name.equalsIgnoreCase(ca.certificateName()) && ca.effectiveCascade().on()
                        ? Stream.of(new Cascading(row.key.name(), ca.effectiveCascade().spreadDuration())) : Stream.empty())
                .toList();
    }

    /** The version made just before {@code version}, in the order the certificate's versions were created. */
    private static Optional<CertificateVersionEntity> previous(CertificateVersionEntity version) {
        return CertificateVersionEntity.find("certificateId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                version.certificateId, version.createdAt, version.id).firstResultOptional();
    }
}
