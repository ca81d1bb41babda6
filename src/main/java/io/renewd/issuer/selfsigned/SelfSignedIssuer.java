package io.renewd.issuer.selfsigned;

import io.renewd.domain.IssuerReference;
import io.renewd.issuer.CertificateIssuer;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import io.renewd.pki.CertificateIssuance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Issuer {@code Self}: the new key signs its own certificate (Bouncy Castle). */
@ApplicationScoped
public class SelfSignedIssuer implements CertificateIssuer {

    @Override
    public String provider() {
        return IssuerReference.SELF;
    }

    @Override
    public IssueResult issue(IssueRequest request) {
        return new IssueResult.Issued(CertificateIssuance.selfSigned(request.keys(), request.template()), List.of());
    }
}
