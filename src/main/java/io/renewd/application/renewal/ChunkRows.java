package io.renewd.application.renewal;

import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows a chunk of attempts works on, read with one query each instead of one per attempt: the operations, locked in the
 * order of their ids (so two transactions over the same certificates never wait on each other crosswise), and the
 * certificates and their current versions, read only: the attempts change neither, and Hibernate keeps no copy of them to
 * compare at each flush.
 */
record ChunkRows(Map<Long, CertificateOperationEntity> operations, Map<Long, CertificateEntity> certificates,
                 Map<Long, CertificateVersionEntity> currentVersions) {

    /** Must run in the caller's transaction, which holds the operations' locks until it ends. */
    static ChunkRows read(Collection<Long> certificateIds) {
        if (certificateIds.isEmpty()) {
            return new ChunkRows(Map.of(), Map.of(), Map.of());
        }
        Map<Long, CertificateOperationEntity> operations = CertificateOperationEntity
                .<CertificateOperationEntity>find("certificateId in ?1 order by certificateId", certificateIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().stream()
                .collect(Collectors.toMap(o -> o.certificateId, Function.identity()));
        Session session = CertificateEntity.getEntityManager().unwrap(Session.class);
        Map<Long, CertificateEntity> certificates = CertificateEntity.<CertificateEntity>list("id in ?1", certificateIds).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        Map<Long, CertificateVersionEntity> current = CertificateVersionEntity.latestOf(certificateIds);
        certificates.values().forEach(c -> session.setReadOnly(c, true));
        current.values().forEach(v -> session.setReadOnly(v, true));
        return new ChunkRows(operations, certificates, current);
    }

    CertificateOperationEntity operation(long certificateId) {
        return operations.get(certificateId);
    }

    CertificateEntity certificate(long certificateId) {
        return certificates.get(certificateId);
    }

    Optional<CertificateVersionEntity> current(long certificateId) {
        return Optional.ofNullable(currentVersions.get(certificateId));
    }
}
