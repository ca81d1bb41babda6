package io.renewd.issuer.ca;

import io.renewd.application.certificates.SigningAuthorities;
import io.renewd.domain.IssuerProvider;
import io.renewd.issuer.CertificateIssuer;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issuer provider {@code ca}: a CA certificate of the same vault signs the new key. The new
 * certificate never outlives its CA: its notAfter is cut to the CA's. The chain is the CA and
 * the CA's own chain.
 */
@ApplicationScoped
public class InternalCaIssuer implements CertificateIssuer {

    private final SigningAuthorities authorities;

    InternalCaIssuer(SigningAuthorities authorities) {
        this.authorities = authorities;
    }

    @Override
    public String provider() {
        return IssuerProvider.InternalCa.NAME;
    }

    @Override
    public IssueResult issue(IssueRequest request) {
        if (!(request.provider().orElse(null) instanceof IssuerProvider.InternalCa ca)) {
            return new IssueResult.Failed("IssuerMisconfigured", "issuer '" + request.issuerName() + "' is not a ca issuer", false, Optional.empty());
        }
        SigningAuthorities.Authority authority;
        try {
            authority = authorities.current(request.vault(), ca.certificateName());
        } catch (SigningAuthorities.Unusable e) {
            return new IssueResult.Failed("IssuerMisconfigured", "issuer '" + request.issuerName() + "': " + e.getMessage(), false, Optional.empty());
        }
        X509Certificate leaf = CertificateIssuance.signedBy(request.keys().getPublic(), withinCa(request.template(), authority.certificate()),
                authority.certificate(), authority.key());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(authority.certificate());
        chain.addAll(authority.chain());
        return new IssueResult.Issued(leaf, chain);
    }

    private static CertificateTemplate withinCa(CertificateTemplate template, X509Certificate ca) {
        Instant caNotAfter = ca.getNotAfter().toInstant();
        return template.notAfter().isAfter(caNotAfter) ? template.withNotAfter(caNotAfter) : template;
    }
}
