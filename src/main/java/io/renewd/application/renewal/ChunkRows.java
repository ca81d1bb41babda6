package io.renewd.application.renewal;

import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateRows;
import io.renewd.store.OperationRows;
import io.renewd.store.VersionRows;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The rows a chunk of attempts works on, read with one statement each instead of one per attempt and without Hibernate
 * entities (hydrating them and comparing them at each flush was much of a chunk's cost): the operations, locked in the
 * order of their ids, as unmanaged rows the attempts change and {@link #writeOperations} stores with one statement; the
 * certificates, which the attempts do not change; and what the attempts read of their current versions.
 */
record ChunkRows(Map<Long, CertificateOperationEntity> operations, Map<Long, CertificateEntity> certificates,
                 Map<Long, VersionRows.Current> currentVersions) {

    /** Must run in the caller's transaction, which holds the operations' locks until it ends. */
    static ChunkRows read(Collection<Long> certificateIds) {
        if (certificateIds.isEmpty()) {
            return new ChunkRows(Map.of(), Map.of(), Map.of());
        }
        Map<Long, CertificateOperationEntity> operations = OperationRows.lock(certificateIds);
        Map<Long, CertificateEntity> certificates = CertificateRows.read(certificateIds);
        // Of the current versions only what the attempts read: not their certificates, chains and sealed keys.
        Map<Long, VersionRows.Current> current = VersionRows.currentOf(certificateIds);
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

    Optional<VersionRows.Current> current(long certificateId) {
        return Optional.ofNullable(currentVersions.get(certificateId));
    }
}
