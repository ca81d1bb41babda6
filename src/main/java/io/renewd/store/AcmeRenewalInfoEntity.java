package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** Row of table {@code acme_renewal_info}: the CA's suggested renewal window (RFC 9773) of an ACME-issued version. */
@Entity
@Table(name = "acme_renewal_info")
public class AcmeRenewalInfoEntity extends PanacheEntityBase {

    @Id
    @Column(name = "version_id")
    public Long versionId;

    @Column(name = "certificate_id", nullable = false)
    public Long certificateId;

    @Column(nullable = false, length = 127)
    public String issuer;

    @Column(name = "directory_url", nullable = false, length = 2048)
    public String directoryUrl;

    @Column(name = "cert_id", nullable = false, length = 512)
    public String certId;

    @Column(name = "window_start")
    public Instant windowStart;

    @Column(name = "window_end")
    public Instant windowEnd;

    @Column(name = "explanation_url", length = 2048)
    public String explanationUrl;

    @Column(name = "renew_at")
    public Instant renewAt;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;

    @Column(name = "last_error", length = 1024)
    public String lastError;

    public static Optional<AcmeRenewalInfoEntity> ofVersion(long versionId) {
        return findByIdOptional(versionId);
    }
}
