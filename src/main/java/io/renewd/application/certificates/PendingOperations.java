package io.renewd.application.certificates;

import io.renewd.application.bulk.FinishBulkReissue;
import io.renewd.domain.OperationStatus;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;

/** A certificate's operation row (Key Vault keeps one per certificate), as a new request starts it. */
@ApplicationScoped
public class PendingOperations {

    private final SealedStorage sealedStorage;
    private final KeyPairSource keys;
    private final FinishBulkReissue bulks;

    PendingOperations(SealedStorage sealedStorage, KeyPairSource keys, FinishBulkReissue bulks) {
        this.sealedStorage = sealedStorage;
        this.keys = keys;
        this.bulks = bulks;
    }

    /** The certificate's operation row, reset for a new request; a bulk re-issue's operation leaves its bulk (and ends for it if in progress). */
    public CertificateOperationEntity reset(CertificateEntity certificate, Instant now) {
        return reset(certificate, CertificateOperationEntity.findById(certificate.id), now);
    }

    /**
     * As {@link #reset(CertificateEntity, Instant)}, for the certificate's operation row read by the caller ({@code null}
     * if it has none): that one, or a new one, reset.
     */
    public CertificateOperationEntity reset(CertificateEntity certificate, CertificateOperationEntity last, Instant now) {
        CertificateOperationEntity operation = last;
        if (operation == null) {
            operation = new CertificateOperationEntity();
            operation.certificateId = certificate.id;
        } else if (operation.bulkId != null) {
            UUID bulk = operation.bulkId;
            boolean wasInProgress = operation.status() == OperationStatus.IN_PROGRESS;
            operation.bulkId = null;
            if (wasInProgress) {
                bulks.afterOperationEnded(bulk);
            }
        }
        operation.requestId = UUID.randomUUID().toString().replace("-", "");
        operation.csr = null;
        operation.publicKey = null;
        operation.privateKeySealed = null;
        operation.keyExportable = true;
        operation.cancellationRequested = false;
        operation.preserveCertOrder = certificate.preserveCertOrder;
        operation.certTransparency = null;
        operation.errorCode = null;
        operation.errorMessage = null;
        operation.personMustAct = false;
        operation.renewsVersion = null;
        operation.attempts = 0;
        operation.nextAttemptAt = null;
        operation.leaseOwner = null;
        operation.leaseUntil = null;
        operation.issuerState = null;
        operation.createdAt = now;
        operation.updatedAt = now;
        return operation;
    }

    /**
     * Makes the operation wait for a signed certificate: its CSR, and the new key sealed until the certificate arrives,
     * with whether the key may be exported (a later policy change does not make it so). Returns the key pair.
     */
    public KeyPair awaitCertificate(CertificateOperationEntity operation, CertificateEntity certificate, KeyPairSource.NextKey key,
                                 CertificateTemplate template) {
        KeyPair keyPair = key.pair();
        operation.keyExportable = key.exportable();
        operation.csr = Csrs.create(keyPair, template).der();
        operation.publicKey = keyPair.getPublic().getEncoded();
        operation.privateKeySealed = sealedStorage.seal(keyPair.getPrivate().getEncoded(),
                SealedStorage.pendingKeyContext(certificate.vault, certificate.name, operation.requestId));
        return keyPair;
    }

    /** The key pair an operation waits with. */
    public KeyPair keyPair(CertificateEntity certificate, CertificateOperationEntity operation) {
        byte[] pkcs8 = sealedStorage.open(operation.privateKeySealed,
                SealedStorage.pendingKeyContext(certificate.vault, certificate.name, operation.requestId));
        return KeyPairSource.decode(operation.publicKey, pkcs8);
    }
}
