package io.renewd.application.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.Failure;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.VersionCause;
import io.renewd.domain.security.Caller;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.store.CertificateEntity;
import io.renewd.store.Certificates;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;

/**
 * Restores a backup into a vault where its name is free and whose rules its policy and current version meet, with every
 * version as it was (preserveCertOrder and the order given included; a format 1 backup restores with the flag false).
 */
@ApplicationScoped
public class RestoreCertificate {

    private final VaultQueries vaults;
    private final CertificateQueries queries;
    private final SealedStorage sealedStorage;
    private final VersionWriter versions;
    private final ScheduleDueActions schedule;
    private final PolicyJson policyJson;
    private final ObjectMapper mapper;
    private final PolicyAuthority authority;
    private final IssuerCheck issuerCheck;
    private final GuardrailEnforcement guardrails;

    RestoreCertificate(VaultQueries vaults, CertificateQueries queries, SealedStorage sealedStorage, VersionWriter versions,
                       ScheduleDueActions schedule, PolicyJson policyJson, ObjectMapper mapper, PolicyAuthority authority,
                       IssuerCheck issuerCheck, GuardrailEnforcement guardrails) {
        this.authority = authority;
        this.issuerCheck = issuerCheck;
        this.guardrails = guardrails;
        this.vaults = vaults;
        this.queries = queries;
        this.sealedStorage = sealedStorage;
        this.versions = versions;
        this.schedule = schedule;
        this.policyJson = policyJson;
        this.mapper = mapper;
    }

    /** The name of the certificate a backup holds (for the audit trail, also when the restore is refused). */
    public String nameOf(byte[] sealedBlob) {
        return open(sealedBlob).name();
    }

    /**
     * The restored policy and current version are judged as an import's: the target vault's issuers and guardrails, and
     * {@code caller} must hold create when the policy makes renewd sign; {@code caller} becomes the policy's setter.
     */
    @Transactional
    public CertificateView execute(String vault, byte[] sealedBlob, Caller caller) {
        vaults.get(vault);
        BackupBlob blob = open(sealedBlob);
        if (CertificateEntity.findByName(vault, blob.name()).isPresent()) {
            throw Failure.conflict("Conflict", "vault '" + vault + "' already has a certificate '" + blob.name()
                    + "' (live or deleted): restore into a vault where the name is free");
        }
        CertificatePolicy backedUp = backedUpPolicy(blob);
        authority.requireMaySet(vault, caller, backedUp, "restore certificate '" + blob.name() + "'");
        CertificatePolicy policy = issuerCheck.requireUsable(vault, backedUp);
        guardrails.requireRestoreAllowed(vault, CertificateFactsReader.read(Certificates.fromDer(blob.versions().getLast().der())), policy);
        var certificate = new CertificateEntity();
        certificate.vault = vault;
        certificate.name = blob.name();
        certificate.policy = policyJson.write(policy);
        PolicyAuthority.recordSetter(certificate, caller);
        certificate.policyCreatedAt = blob.policyCreated();
        certificate.policyUpdatedAt = blob.policyUpdated();
        certificate.createdAt = blob.created();
        certificate.preserveCertOrder = Boolean.TRUE.equals(blob.preserveCertOrder());
        certificate.persist();
        for (BackupBlob.Version v : blob.versions()) {
            var key = KeyPairSource.decode(v.publicKey(), v.privateKey());
            var row = versions.write(certificate, v.version(), new VersionWriter.NewVersion(Certificates.fromDer(v.der()),
                    Certificates.fromConcatenatedDer(v.chain()), key.getPrivate(), v.exportable(), v.enabled(), v.tags(),
                    VersionCause.fromWireName(v.cause()), null), v.created(), v.updated());
            row.presentedChain = v.presentedChain();
        }
        schedule.reschedule(certificate);
        return queries.view(vaults.get(vault), certificate);
    }

    /** A backup taken before this release's stricter rules may hold a policy they refuse: the restore is refused, saying so. */
    private CertificatePolicy backedUpPolicy(BackupBlob blob) {
        try {
            return policyJson.read(blob.policy());
        } catch (StoredPolicyUnreadable e) {
            throw Failure.badParameter("the backup of certificate '" + blob.name() + "' holds a policy this renewd cannot accept: " + e.getMessage());
        }
    }

    private BackupBlob open(byte[] sealedBlob) {
        BackupBlob blob;
        try {
            blob = mapper.readValue(sealedStorage.open(sealedBlob, BackupBlob.CONTEXT), BackupBlob.class);
        } catch (RuntimeException | IOException e) {
            throw Failure.badParameter("the backup blob cannot be restored: it was tampered with, truncated, "
                    + "or made by another renewd installation (different key-encryption keys)");
        }
        if (!BackupBlob.READABLE.contains(blob.format()) || blob.versions() == null || blob.versions().isEmpty()) {
            throw Failure.badParameter("the backup blob is not a renewd certificate backup of a format this renewd reads: "
                    + BackupBlob.READABLE.stream().sorted().toList());
        }
        return blob;
    }
}
