package io.renewd.application.renewal;

import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateRows;
import io.renewd.store.OperationRows;
import io.renewd.store.Timestamps;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rows a chunk of attempts works on, read with one statement each instead of one per attempt and without Hibernate
 * entities (hydrating them and comparing them at each flush was much of a chunk's cost): the operations, locked in the
 * order of their ids, as unmanaged rows the attempts change and {@link #writeOperations} stores with one statement; the
 * certificates, which the attempts do not change; and what the attempts read of their current versions.
 */
record ChunkRows(Map<Long, CertificateOperationEntity> operations, Map<Long, CertificateEntity> certificates,
                 Map<Long, CurrentVersion> currentVersions) {

    /** What an attempt reads of its certificate's current version. */
    record CurrentVersion(String version, boolean enabled, Instant notBefore, Instant notAfter) {
    }

    /** Must run in the caller's transaction, which holds the operations' locks until it ends. */
    static ChunkRows read(Collection<Long> certificateIds) {
        if (certificateIds.isEmpty()) {
            return new ChunkRows(Map.of(), Map.of(), Map.of());
        }
        Map<Long, CertificateOperationEntity> operations = OperationRows.lock(certificateIds);
        Map<Long, CertificateEntity> certificates = CertificateRows.read(certificateIds);
        // Of the current versions only what the attempts read: not their certificates, chains and sealed keys.
        List<Object[]> versions = CertificateEntity.getEntityManager().unwrap(Session.class).createNativeQuery("""
                        select distinct on (certificate_id) certificate_id, version, enabled, not_before, not_after from certificate_version
                        where certificate_id = any(cast(?1 as bigint[])) order by certificate_id, created_at desc, id desc""", Object[].class)
                .setParameter(1, certificateIds.toArray(Long[]::new)).getResultList();
        Map<Long, CurrentVersion> current = versions.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(),
                r -> new CurrentVersion((String) r[1], (Boolean) r[2], Timestamps.instant(r[3]), Timestamps.instant(r[4]))));
        return new ChunkRows(operations, certificates, current);
    }

    /** Stores what the attempts changed on these operations of the chunk: nothing else does. */
    void writeOperations(Collection<CertificateOperationEntity> changed) {
        OperationRows.update(changed);
    }

    CertificateOperationEntity operation(long certificateId) {
        return operations.get(certificateId);
    }

    CertificateEntity certificate(long certificateId) {
        return certificates.get(certificateId);
    }

    Optional<CurrentVersion> current(long certificateId) {
        return Optional.ofNullable(currentVersions.get(certificateId));
    }
}
