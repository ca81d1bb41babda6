package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.VersionCause;
import io.renewd.pki.CertificateChecks;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.pki.ChainOrder;
import io.renewd.pki.MergeInput;
import io.renewd.pki.PkiInputException;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Completes a pending operation of issuer {@code Unknown} with the certificate a CA signed
 * for its CSR: the certificate's key must be the one the CSR was made with, and the certificate within
 * the vault's guardrails.
 */
@ApplicationScoped
public class MergeCertificate {

    public record Command(String vault, String name, List<String> x5c, Boolean enabled, Map<String, String> tags) {
    }

    private final CertificateQueries queries;
    private final PendingOperations pendingOperations;
    private final VersionWriter versions;
    private final PolicyJson policyJson;
    private final GuardrailEnforcement guardrails;
    private final Clock clock;

    MergeCertificate(CertificateQueries queries, PendingOperations pendingOperations, VersionWriter versions, PolicyJson policyJson,
                     GuardrailEnforcement guardrails, Clock clock) {
        this.queries = queries;
        this.pendingOperations = pendingOperations;
        this.versions = versions;
        this.policyJson = policyJson;
        this.guardrails = guardrails;
        this.clock = clock;
    }

    @Transactional
    public CertificateView execute(Command command) {
        CertificateEntity certificate = queries.live(command.vault(), command.name());
        CertificateEntity.getEntityManager().lock(certificate, LockModeType.PESSIMISTIC_WRITE);
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        if (operation == null || operation.status() != OperationStatus.IN_PROGRESS) {
            throw Failure.notFound("PendingCertificateNotFound", "certificate '" + command.name()
                    + "' has no operation waiting for a merge: create it with issuer Unknown first");
        }
        if (!IssuerReference.UNKNOWN.equals(operation.issuerName)) {
            throw Failure.conflict("Conflict", "the operation of certificate '" + command.name() + "' is with issuer '" + operation.issuerName
                    + "', which renewd completes itself: merge completes operations of issuer Unknown");
        }
        List<X509Certificate> given = MergeInput.read(command.x5c());
        List<X509Certificate> chain = ChainOrder.order(given);
        X509Certificate leaf = chain.getFirst();
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), operation.publicKey)) {
            throw new PkiInputException(PkiInputException.Reason.KEY_MISMATCH, "the merged certificate " + leaf.getSubjectX500Principal().getName()
                    + " was not signed for this certificate's CSR: its public key differs from the pending key");
        }
        Instant now = clock.instant();
        CertificateChecks.requireValidAt(leaf, now);
        guardrails.requireMergeAllowed(command.vault(), CertificateFactsReader.read(leaf), operation.issuerName);
        KeyPair key = pendingOperations.keyPair(certificate, operation);
        var policy = policyJson.read(certificate.policy);
        var version = versions.write(certificate, new VersionWriter.NewVersion(leaf, chain.subList(1, chain.size()), key.getPrivate(),
                policy.key().exportable() && operation.keyExportable, command.enabled() != null ? command.enabled() : operation.requestedEnabled,
                command.tags() != null ? command.tags() : operation.requestedTags, VersionCause.MERGED, policy.issuer().name()));
        if (certificate.preserveCertOrder) {
            versions.present(version, given);
        }
        operation.status(OperationStatus.COMPLETED);
        operation.statusDetails = "the signed certificate was merged";
        operation.privateKeySealed = null;
        operation.updatedAt = now;
        return queries.view(queries.vaultOf(command.vault()), certificate);
    }
}
