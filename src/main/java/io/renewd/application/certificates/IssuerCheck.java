package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.domain.IssuerReference;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** A policy may name only an issuer object its vault has (Self and Unknown need none). */
@ApplicationScoped
public class IssuerCheck {

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
}
