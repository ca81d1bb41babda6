package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.Names;
import io.renewd.domain.OperationStatus;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a new version may be written: the live certificate of that name (locked until the
 * transaction ends, so concurrent writers queue), or nothing when the name is free. Deleted
 * names and certificates with an operation in progress are refused.
 */
@ApplicationScoped
class CertificateSlots {

    private final VaultQueries vaults;
    private final PolicyJson policyJson;

    CertificateSlots(VaultQueries vaults, PolicyJson policyJson) {
        this.vaults = vaults;
        this.policyJson = policyJson;
    }

    /** Stores {@code policy} on the claimed certificate, or on a new one of that name when the name was free. */
    CertificateEntity withPolicy(String vault, String name, Optional<CertificateEntity> claimed, CertificatePolicy policy, Instant now) {
        CertificateEntity certificate = claimed.orElseGet(() -> {
            var created = new CertificateEntity();
            created.vault = vault;
            created.name = name;
            created.createdAt = now;
            created.policyCreatedAt = now;
            return created;
        });
        certificate.policy = policyJson.write(policy);
        certificate.policyUpdatedAt = now;
        certificate.persist();
        return certificate;
    }

    Optional<CertificateEntity> claim(String vault, String name) {
        vaults.get(vault);
        if (!Names.isValidObjectName(name)) {
            throw Failure.badParameter("certificate name '" + name + "' is not valid: " + Names.RULE);
        }
        Optional<CertificateEntity> existing = CertificateEntity.<CertificateEntity>find(CertificateEntity.BY_NAME, vault, name)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        existing.filter(CertificateEntity::isDeleted).ifPresent(deleted -> {
            throw Failure.conflict("ObjectIsDeletedButRecoverable", "certificate '" + name + "' of vault '" + vault
                    + "' is deleted but recoverable: recover it, or purge it to reuse the name");
        });
        existing.map(c -> (CertificateOperationEntity) CertificateOperationEntity.findById(c.id))
                .filter(op -> op.status() == OperationStatus.IN_PROGRESS)
                .ifPresent(op -> {
                    throw Failure.conflict("Conflict", "certificate '" + name + "' has an operation in progress (request "
                            + op.requestId + "): merge, cancel or delete it first");
                });
        return existing;
    }
}
