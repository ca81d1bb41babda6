package io.renewd.issuer.ca;

import io.renewd.domain.IssuerProvider;
import io.renewd.issuer.CertificateIssuer;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import io.renewd.issuer.Signer;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.PkiInputException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issuer provider {@code ca}: a CA certificate of the same vault signs the new key, as an end-entity
 * certificate unless the issuer allows CAs (then with its path length), within the CA's own path length
 * and name constraints. The new
 * certificate never outlives its CA: its notAfter is cut to the CA's. The chain is the CA and
 * the CA's own chain. The CA comes with the request ({@link IssueRequest#signer()}): the renewer
 * reads and checks it when it prepares the attempt.
 */
@ApplicationScoped
public class InternalCaIssuer implements CertificateIssuer {

    /** The failure code of a CA certificate asked of a ca issuer that may not sign CAs. */
    public static final String CA_NOT_ALLOWED = "CaIssuanceNotAllowed";

    @Override
    public String provider() {
        return IssuerProvider.InternalCa.NAME;
    }

    @Override
    public IssueResult issue(IssueRequest request) {
        if (!(request.provider().orElse(null) instanceof IssuerProvider.InternalCa ca)) {
            return new IssueResult.Failed("IssuerMisconfigured", "issuer '" + request.issuerName() + "' is not a ca issuer", false, Optional.empty());
        }
        if (request.signer().isEmpty()) {
            return new IssueResult.Failed("IssuerMisconfigured", "issuer '" + request.issuerName() + "': no CA certificate '"
                    + ca.certificateName() + "' to sign with", false, Optional.empty());
        }
        Signer authority = request.signer().get();
        CertificateTemplate template = request.template();
        if (template.ca()) {
            if (!ca.signsCas()) {
                return new IssueResult.Failed(CA_NOT_ALLOWED, IssuerProvider.InternalCa.caRefusal(request.issuerName()), false, Optional.empty());
            }
            template = template.withPathLength(ca.maxPathLength());
        }
        X509Certificate leaf;
        try {
            leaf = CertificateIssuance.signedBy(request.keys().getPublic(), withinCa(template, authority.certificate()), authority.ca());
        } catch (PkiInputException e) {
            // The CA's own path length or name constraints forbid it: no retry changes that, a person must change the policy or the CA.
            return new IssueResult.Failed("OutsideCaConstraints", "issuer '" + request.issuerName() + "': " + e.getMessage(), false, Optional.empty());
        }
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
