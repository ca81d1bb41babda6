package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.acme.SolverSelection;
import io.renewd.issuer.acme.AcmeNames;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.store.IssuerSettingsJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A policy may name only an issuer object its vault has (Self and Unknown need none); may ask a
 * {@code ca} issuer for a CA certificate only when that issuer allows CAs; and, naming an acme
 * issuer, only names the operator lets renewd prove to an ACME CA for the vault, and that a solver of the issuer can prove.
 */
@ApplicationScoped
public class IssuerCheck {

    /** Error code of a refusal by the operator's name map or renewd's own names (403). */
    public static final String NAME_NOT_ALLOWED = "AcmeNameNotAllowed";

    private final IssuerSettingsJson settingsJson;
    private final AcmeNames acmeNames;

    IssuerCheck(IssuerSettingsJson settingsJson, AcmeNames acmeNames) {
        this.settingsJson = settingsJson;
        this.acmeNames = acmeNames;
    }

    /**
     * The policy, naming its issuer as the issuer was created ({@code myca} names issuer {@code MyCA}: names are
     * case-insensitive), so the operations and re-issues made from it find the issuer by its exact name.
     */
    public CertificatePolicy requireUsable(String vault, CertificatePolicy policy) {
        IssuerReference issuer = policy.issuer();
        if (!issuer.isNamed()) {
            return policy;
        }
        CertificateIssuerEntity entity = requireUsable(vault, issuer);
        IssuerProvider provider = settingsJson.provider(entity);
        if (provider instanceof IssuerProvider.InternalCa ca && policy.x509().isCertificateAuthority() && !ca.signsCas()) {
            throw Failure.badParameter(IssuerProvider.InternalCa.caRefusal(issuer.name()));
        }
        if (provider instanceof IssuerProvider.Acme acme) {
            List<String> names = AcmeNames.orderedNames(policy.x509());
            acmeNames.refusal(vault, names).ifPresent(why -> {
                throw new Failure(Failure.Kind.FORBIDDEN, NAME_NOT_ALLOWED, "the policy names acme issuer '" + issuer.name()
                        + "', but " + why);
            });
            SolverSelection.refusal(acme.effectiveSolvers(), names).ifPresent(why -> {
                throw Failure.badParameter("the policy names acme issuer '" + issuer.name() + "', but " + why);
            });
        }
        return new CertificatePolicy(policy.key(), policy.contentType(), policy.x509(), policy.lifetimeActions(),
                new IssuerReference(entity.key.name(), issuer.certificateType(), issuer.certificateTransparency()), policy.enabled());
    }

    private static CertificateIssuerEntity requireUsable(String vault, IssuerReference issuer) {
        CertificateIssuerEntity entity = CertificateIssuerEntity.findByName(vault, issuer.name()).orElse(null);
        if (entity == null) {
            throw Failure.badParameter("issuer '" + issuer.name() + "' does not exist in vault '" + vault
                    + "': create it (PUT …/certificates/issuers/" + issuer.name() + ") or use Self or Unknown");
        }
        if (!entity.enabled) {
            throw Failure.badParameter("issuer '" + issuer.name() + "' of vault '" + vault + "' is disabled");
        }
        return entity;
    }
}
