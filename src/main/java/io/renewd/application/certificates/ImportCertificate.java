package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.guardrails.GuardrailEnforcement;
import io.renewd.domain.CertificateFacts;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.ImportedPolicy;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.SecretContentType;
import io.renewd.domain.VersionCause;
import io.renewd.domain.security.Caller;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateChecks;
import io.renewd.pki.Base64Text;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.PemCodec;
import io.renewd.pki.Pkcs12Codec;
import io.renewd.pki.PkiInputException;
import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a certificate with its private key and chain, from PEM or PFX, as a new version.
 * Refused: unreadable input, wrong password, no key, a key that is not the certificate's, a
 * weak key, a certificate outside its validity, a policy that contradicts the certificate, a certificate or
 * policy outside the vault's guardrails.
 */
@ApplicationScoped
public class ImportCertificate {

    /**
     * {@code value}: PEM text, or base64 of a PFX; {@code password} for the PFX or an encrypted PEM key;
     * {@code preserveCertOrder} (Key Vault 7.6): a PEM chain keeps the order it is given in.
     */
    public record Command(String vault, String name, String value, String password, PolicyDraft policy, Boolean enabled,
                          Map<String, String> tags, Boolean preserveCertOrder) {
        @Override
        public String toString() {
            return "ImportCertificate.Command[vault=" + vault + ", name=" + name + "]";
        }
    }

    private final CertificateSlots slots;
    private final IssuerCheck issuerCheck;
    private final VersionWriter versions;
    private final CertificateQueries queries;
    private final GuardrailEnforcement guardrails;
    private final PolicyAuthority authority;
    private final NonExportableKeys nonExportableKeys;
    private final Clock clock;

    ImportCertificate(CertificateSlots slots, IssuerCheck issuerCheck, VersionWriter versions, CertificateQueries queries,
                      GuardrailEnforcement guardrails, PolicyAuthority authority, NonExportableKeys nonExportableKeys, Clock clock) {
        this.authority = authority;
        this.slots = slots;
        this.issuerCheck = issuerCheck;
        this.versions = versions;
        this.queries = queries;
        this.guardrails = guardrails;
        this.nonExportableKeys = nonExportableKeys;
        this.clock = clock;
    }

    /** A policy that makes renewd sign needs {@code caller} to hold create as well as import ({@link PolicyAuthority}). */
    @Transactional
    public CertificateView execute(Command command, Caller caller) {
        Optional<CertificateEntity> claimed = slots.claim(command.vault(), command.name());
        Map<String, String> tags = command.tags() == null ? Map.of() : command.tags();
        UpdateCertificate.checkTags(tags);
        CertificateBundle bundle = read(command);
        if (bundle.key() == null) {
            throw new PkiInputException(PkiInputException.Reason.NO_PRIVATE_KEY, "the imported content has no private key: "
                    + "Key Vault certificates are imported with their key (PFX, or PEM with a PRIVATE KEY block)");
        }
        if (!KeyPairs.matches(bundle.leaf().getPublicKey(), bundle.key())) {
            throw new PkiInputException(PkiInputException.Reason.KEY_MISMATCH, "the private key does not belong to the certificate");
        }
        Instant now = clock.instant();
        CertificateChecks.requireValidAt(bundle.leaf(), now);
        CertificateChecks.requireStrongKey(bundle.leaf().getPublicKey());
        CertificateFacts facts = CertificateFactsReader.read(bundle.leaf());
        SecretContentType imported = isPem(command) ? SecretContentType.PEM : SecretContentType.PKCS12;
        CertificatePolicy resolved = switch (ImportedPolicy.resolve(facts, imported, command.policy())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw Failure.badParameter(invalid.message());
        };
        authority.requireMaySet(command.vault(), caller, resolved, "import a certificate");
        CertificatePolicy policy = issuerCheck.requireUsable(command.vault(), resolved);
        guardrails.requireImportAllowed(command.vault(), facts, policy, namesValidity(command.policy()));
        nonExportableKeys.requireImportFits(claimed, bundle.leaf().getPublicKey().getEncoded(), policy);

        CertificateEntity certificate = slots.withPolicy(command.vault(), command.name(), claimed, policy, now);
        PolicyAuthority.recordSetter(certificate, caller);
        certificate.preserveCertOrder = Boolean.TRUE.equals(command.preserveCertOrder());
        var version = versions.write(certificate, new VersionWriter.NewVersion(bundle.leaf(), bundle.chain(), bundle.key(),
                policy.key().exportable(), command.enabled() == null || command.enabled(), tags, VersionCause.IMPORTED,
                policy.issuer().name()));
        // A PFX's chain comes out of the JDK's key store leaf first, whatever its bag order: only PEM has an order to keep.
        if (certificate.preserveCertOrder && isPem(command)) {
            versions.present(version, PemCodec.readCertificates(command.value()));
        }
        return queries.view(queries.vaultOf(command.vault()), certificate);
    }

    private static boolean namesValidity(PolicyDraft supplied) {
        return supplied != null && supplied.x509() != null
                && (supplied.x509().validityMonths() != null || supplied.x509().validity() != null);
    }

    private static boolean isPem(Command command) {
        return command.value().contains("-----BEGIN");
    }

    private static CertificateBundle read(Command command) {
        String value = command.value();
        if (value == null || value.isBlank()) {
            throw Failure.badParameter("value is required: the certificate and its private key, as PEM text or base64 PFX");
        }
        char[] password = command.password() == null ? new char[0] : command.password().toCharArray();
        if (isPem(command)) {
            return PemCodec.readBundle(value, password);
        }
        byte[] pfx;
        try {
            pfx = Base64Text.decode(value);
        } catch (IllegalArgumentException e) {
            throw Failure.badParameter("value is neither PEM text nor base64: give the certificate as PEM, or a PFX file base64-encoded");
        }
        return Pkcs12Codec.read(pfx, password);
    }
}
