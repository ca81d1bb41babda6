package io.renewd.application.certificates;

import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.domain.VersionCause;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.events.EventOutbox;
import io.renewd.pki.ChainOrder;
import io.renewd.pki.Thumbprints;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.SealedStorage;
import io.renewd.store.VersionRows;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Stores a new version of a certificate: DER, chain, thumbprint, dates, and its private key sealed;
 * exportable only if asked and its key was never held non-exportable by the certificate.
 */
@ApplicationScoped
public class VersionWriter {

    public record NewVersion(X509Certificate leaf, List<X509Certificate> chain, PrivateKey privateKey, boolean exportable,
                             boolean enabled, Map<String, String> tags, VersionCause cause, String issuer) {
    }

    private final SealedStorage sealedStorage;
    private final EventOutbox outbox;
    private final ScheduleDueActions schedule;
    private final Clock clock;

    VersionWriter(SealedStorage sealedStorage, EventOutbox outbox, ScheduleDueActions schedule, Clock clock) {
        this.sealedStorage = sealedStorage;
        this.outbox = outbox;
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * A new version, with a new id, made now: it becomes current, its actions are scheduled, {@code NewVersionCreated} goes out.
     * The row is managed by Hibernate: callers may still change it in their transaction.
     */
    public CertificateVersionEntity write(CertificateEntity certificate, NewVersion version) {
        Instant now = clock.instant();
        CertificateVersionEntity row = write(certificate, newVersionId(), version, now, now);
        outbox.write(created(certificate, version, row));
        schedule.rescheduleWritten(List.of(new ScheduleDueActions.Written(certificate, row)));
        return row;
    }

    /** A new version of some certificate. */
    public record ForCertificate(CertificateEntity certificate, NewVersion version) {
    }

    /**
     * Several new versions, each of another certificate (a chunk of renewals), in their order: the keys any of those
     * certificates holds non-exportable are looked up with one query, the rows inserted with one statement (so they are not
     * managed by Hibernate), the events written with one statement. Their actions are not scheduled: the caller hands what
     * it wrote to {@link ScheduleDueActions#rescheduleWritten} in the same transaction, all at once.
     */
    public List<ScheduleDueActions.Written> writeUnscheduled(List<ForCertificate> versions) {
        Instant now = clock.instant();
        Map<Long, List<byte[]>> nonExportable = VersionRows.nonExportableKeysOf(
                versions.stream().map(v -> v.certificate().id).toList());
        List<CertificateVersionEntity> rows = new ArrayList<>();
        for (ForCertificate v : versions) {
            List<byte[]> held = nonExportable.getOrDefault(v.certificate().id, List.of());
            rows.add(row(v.certificate(), newVersionId(), v.version(), now, now,
                    key -> held.stream().anyMatch(k -> Arrays.equals(k, key))));
        }
        VersionRows.insert(rows);
        List<ScheduleDueActions.Written> written = new ArrayList<>();
        List<CertificateEvent> events = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            CertificateEntity certificate = versions.get(i).certificate();
            events.add(created(certificate, versions.get(i).version(), rows.get(i)));
            written.add(new ScheduleDueActions.Written(certificate, rows.get(i)));
        }
        outbox.writeAll(events);
        return written;
    }

    /** A version as it was somewhere else (a restored backup): same id and times, its key sealed for its new place. */
    public CertificateVersionEntity write(CertificateEntity certificate, String versionId, NewVersion version, Instant created, Instant updated) {
        CertificateVersionEntity row = row(certificate, versionId, version, created, updated,
                key -> CertificateVersionEntity.keyIsNonExportable(certificate.id, key));
        row.persist();
        return row;
    }

    private static String newVersionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static CertificateEvent created(CertificateEntity certificate, NewVersion version, CertificateVersionEntity row) {
        return new CertificateEvent.NewVersionCreated(certificate.vault, certificate.name, row.version, row.notBefore, row.notAfter,
                version.cause(), version.issuer(), row.x5t);
    }

    /** The row of a new version, not stored yet. */
    private CertificateVersionEntity row(CertificateEntity certificate, String versionId, NewVersion version, Instant created,
                                         Instant updated, Predicate<byte[]> heldNonExportable) {
        var row = new CertificateVersionEntity();
        row.certificateId = certificate.id;
        row.version = versionId;
        row.der = der(version.leaf());
        row.chain = concatenated(version.chain());
        row.x5t = Thumbprints.x5t(version.leaf());
        row.serialNumber = HexFormat.of().formatHex(version.leaf().getSerialNumber().toByteArray());
        row.subject = version.leaf().getSubjectX500Principal().getName();
        row.notBefore = version.leaf().getNotBefore().toInstant();
        row.notAfter = version.leaf().getNotAfter().toInstant();
        row.publicKey = version.leaf().getPublicKey().getEncoded();
        row.privateKeySealed = sealedStorage.seal(version.privateKey().getEncoded(),
                SealedStorage.privateKeyContext(certificate.vault, certificate.name, row.version));
        // A key once held non-exportable stays so in every later version that reuses it (restores included).
        row.exportable = version.exportable() && !heldNonExportable.test(row.publicKey);
        row.enabled = version.enabled();
        row.tags = Map.copyOf(version.tags());
        row.cause = version.cause().wireName();
        row.createdAt = created;
        row.updatedAt = updated;
        return row;
    }

    /** preserveCertOrder: the version's certificates as they were given, for its secret (duplicates dropped). */
    public void present(CertificateVersionEntity version, List<X509Certificate> given) {
        version.presentedChain = concatenated(ChainOrder.asGiven(given));
    }

    private static byte[] concatenated(List<X509Certificate> chain) {
        var out = new ByteArrayOutputStream();
        chain.forEach(c -> out.writeBytes(der(c)));
        return out.toByteArray();
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate could not be encoded again", e);
        }
    }
}
