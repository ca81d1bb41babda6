package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.store.Certificates;
import jakarta.enterprise.context.ApplicationScoped;

/** An internal-CA issuer signs with a certificate of its vault that may sign others: a CA with keyCertSign. */
@ApplicationScoped
public class CertificateAuthorityCheck {

    private final CertificateQueries queries;

    CertificateAuthorityCheck(CertificateQueries queries) {
        this.queries = queries;
    }

    /**
     * The certificate must be a CA with keyCertSign; when the issuer may sign CAs ({@code maxPathLength} not null), its
     * own path length must leave room for CAs of that depth below it.
     */
    public void requireSigner(String vault, String certificateName, Integer maxPathLength) {
        CertificateView certificate;
        try {
            certificate = queries.get(vault, certificateName);
        } catch (Failure notFound) {
            throw Failure.badParameter("ca.certificate_name: vault '" + vault + "' has no certificate '" + certificateName + "'");
        }
        VersionView current = certificate.current().orElseThrow(() -> Failure.badParameter(
                "ca.certificate_name: certificate '" + certificateName + "' has no version yet"));
        var leaf = Certificates.fromDer(current.der());
        if (!CertificateFactsReader.maySignCertificates(leaf)) {
            throw Failure.badParameter("ca.certificate_name: certificate '" + certificateName
                    + "' is not a CA certificate with keyCertSign: create it with x509_props.key_usage [\"keyCertSign\", \"cRLSign\"]");
        }
        int signerPathLength = leaf.getBasicConstraints();
        if (maxPathLength != null && signerPathLength != Integer.MAX_VALUE && maxPathLength >= signerPathLength) {
            throw Failure.badParameter("ca.max_path_length " + maxPathLength + ": certificate '" + certificateName + "' has path length "
                    + signerPathLength + (signerPathLength == 0 ? ": it may not sign CA certificates at all"
                    : ": the CAs it signs may have at most " + (signerPathLength - 1)));
        }
    }
}
