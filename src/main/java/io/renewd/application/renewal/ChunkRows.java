package io.renewd.application.renewal;

import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.Timestamps;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows a chunk of attempts works on, read with one query each instead of one per attempt: the operations, locked in the
 * order of their ids (so two transactions over the same certificates never wait on each other crosswise), and the
 * certificates, read only (the attempts do not change them, so Hibernate keeps no copy of them to compare at each flush),
 * and what the attempts read of their current versions.
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
        // Native statements with one array parameter: an HQL "in" list is translated again for every new list length.
        Long[] ids = certificateIds.toArray(Long[]::new);
        Session session = CertificateEntity.getEntityManager().unwrap(Session.class);
        Map<Long, CertificateOperationEntity> operations = session.createNativeQuery("""
                        select * from certificate_operation where certificate_id = any(cast(?1 as bigint[]))
                        order by certificate_id for update""", CertificateOperationEntity.class)
                .setParameter(1, ids).getResultList().stream()
                .collect(Collectors.toMap(o -> o.certificateId, Function.identity()));
        Map<Long, CertificateEntity> certificates = session.createNativeQuery(
                        "select * from certificate where id = any(cast(?1 as bigint[]))", CertificateEntity.class)
                .setParameter(1, ids).setReadOnly(true).getResultList().stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        // Of the current versions only what the attempts read: not their certificates, chains and sealed keys.
        List<Object[]> versions = session.createNativeQuery("""
                        select distinct on (certificate_id) certificate_id, version, enabled, not_before, not_after from certificate_version
                        where certificate_id = any(cast(?1 as bigint[])) order by certificate_id, created_at desc, id desc""", Object[].class)
                .setParameter(1, ids).getResultList();
        Map<Long, CurrentVersion> current = versions.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(),
                r -> new CurrentVersion((String) r[1], (Boolean) r[2], Timestamps.instant(r[3]), Timestamps.instant(r[4]))));
        return new ChunkRows(operations, certificates, current);
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
