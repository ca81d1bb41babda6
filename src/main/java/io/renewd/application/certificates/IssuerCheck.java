package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.IssuerReference;
import io.renewd.issuer.acme.AcmeNames;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A policy may name only an issuer object its vault has (Self and Unknown need none); one that
 * names an acme issuer only names the operator lets renewd prove to an ACME CA for the vault.
 */
@ApplicationScoped
public class IssuerCheck {

    /** Error code of a refusal by the operator's name map or renewd's own names (403). */
    public static final String NAME_NOT_ALLOWED = "AcmeNameNotAllowed";

    private final AcmeNames acmeNames;

    IssuerCheck(AcmeNames acmeNames) {
        this.acmeNames = acmeNames;
    }

    public void requireUsable(String vault, IssuerReference issuer) {
        if (!issuer.isNamed()) {
            return;
        }
        CertificateIssuerEntity entity = CertificateIssuerEntity.findById(new CertificateIssuerEntity.Key(vault, issuer.name()));
        if (entity == null) {
            throw Failure.badParameter("issuer '" + issuer.name() + "' does not exist in vault '" + vault
                    + "': create it (PUT …/certificates/issuers/" + issuer.name() + ") or use Self or Unknown");
        }
        if (!entity.enabled) {
            throw Failure.badParameter("issuer '" + issuer.name() + "' of vault '" + vault + "' is disabled");
        }
    }

    /** Refuses (403) a policy whose acme issuer would have renewd prove names the vault may not have proved. */
    public void requireOrderable(String vault, CertificatePolicy policy) {
        if (!policy.issuer().isNamed()) {
            return;
        }
        CertificateIssuerEntity entity = CertificateIssuerEntity.findById(new CertificateIssuerEntity.Key(vault, policy.issuer().name()));
        if (entity == null || !IssuerProvider.Acme.NAME.equals(entity.provider)) {
            return;
        }
        acmeNames.refusal(vault, AcmeNames.orderedNames(policy.x509())).ifPresent(why -> {
            throw new Failure(Failure.Kind.FORBIDDEN, NAME_NOT_ALLOWED, "the policy names acme issuer '" + policy.issuer().name()
                    + "', but " + why);
        });
    }
}
