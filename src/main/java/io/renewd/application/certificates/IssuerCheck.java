package io.renewd.application.certificates;

import io.renewd.application.Failure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.IssuerReference;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A policy may name only an issuer object its vault has (Self and Unknown need none), and may ask
 * a {@code ca} issuer for a CA certificate only when that issuer allows CAs.
 */
@ApplicationScoped
public class IssuerCheck {

    private final ObjectMapper mapper;

    IssuerCheck(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void requireUsable(String vault, CertificatePolicy policy) {
        IssuerReference issuer = policy.issuer();
        requireUsable(vault, issuer);
        if (!issuer.isNamed() || !policy.x509().isCertificateAuthority()) {
            return;
        }
        CertificateIssuerEntity entity = CertificateIssuerEntity.findById(new CertificateIssuerEntity.Key(vault, issuer.name()));
        if (IssuerProvider.InternalCa.NAME.equals(entity.provider) && !allowsCa(entity)) {
            throw Failure.badParameter(IssuerProvider.InternalCa.caRefusal(issuer.name()));
        }
    }

    /** {"ca": {"allowCa": true, …}} as IssuerStore writes it (read here without it: issuers depend on certificates, not back). */
    private boolean allowsCa(CertificateIssuerEntity entity) {
        try {
            return mapper.readTree(entity.settings).path("ca").path("allowCa").asBoolean(false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored issuer settings are not readable", e);
        }
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
}
