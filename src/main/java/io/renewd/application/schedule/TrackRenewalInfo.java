package io.renewd.application.schedule;

import io.renewd.domain.IssuerProvider;
import io.renewd.issuer.acme.AcmeRenewalInfo;
import io.renewd.store.AcmeRenewalInfoEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * Starts following the CA's renewal information (RFC 9773) for a version an acme issuer just
 * issued: its first check is due at once ({@link CheckRenewalInfo} asks the CA, which tells
 * whether it offers renewal information at all).
 */
@ApplicationScoped
public class TrackRenewalInfo {

    private final Clock clock;

    TrackRenewalInfo(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void issued(CertificateVersionEntity version, X509Certificate leaf, String issuer, IssuerProvider.Acme acme) {
        var row = new AcmeRenewalInfoEntity();
        row.versionId = version.id;
        row.certificateId = version.certificateId;
        row.issuer = issuer;
        row.directoryUrl = acme.directoryUrl();
        row.certId = AcmeRenewalInfo.certId(leaf);
        row.nextCheckAt = clock.instant();
        row.persist();
    }
}
