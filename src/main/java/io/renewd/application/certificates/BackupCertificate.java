package io.renewd.application.certificates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Backs up a certificate with every version, its policy, tags, keys and preserveCertOrder, as one opaque blob:
 * sealed (AES-256-GCM) under this installation's key-encryption keys, so it is confidential,
 * tamper-evident, and restorable only where those keys are.
 */
@ApplicationScoped
public class BackupCertificate {

    private final CertificateQueries queries;
    private final KeyPairSource keys;
    private final SealedStorage sealedStorage;
    private final ObjectMapper mapper;

    BackupCertificate(CertificateQueries queries, KeyPairSource keys, SealedStorage sealedStorage, ObjectMapper mapper) {
        this.queries = queries;
        this.keys = keys;
        this.sealedStorage = sealedStorage;
        this.mapper = mapper;
    }

    @Transactional
    public byte[] execute(String vault, String name) {
        CertificateEntity certificate = queries.live(vault, name);
        var versions = CertificateVersionEntity.<CertificateVersionEntity>list("certificateId = ?1 order by createdAt, id", certificate.id)
                .stream()
                .map(v -> new BackupBlob.Version(v.version, v.der, v.chain, v.publicKey,
                        keys.keyPairOf(certificate, v).getPrivate().getEncoded(), v.exportable, v.enabled, v.tags, v.cause,
                        v.createdAt, v.updatedAt, v.presentedChain))
                .toList();
        var blob = new BackupBlob(BackupBlob.FORMAT, certificate.name, certificate.policy, certificate.policyCreatedAt,
                certificate.policyUpdatedAt, certificate.createdAt, certificate.preserveCertOrder, versions);
        try {
            return sealedStorage.seal(mapper.writeValueAsBytes(blob), BackupBlob.CONTEXT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("backup could not be written", e);
        }
    }
}
