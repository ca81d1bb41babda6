package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Row of table {@code certificate_version}: one issued X.509 certificate and its sealed key. */
@Entity
@Table(name = "certificate_version")
public class CertificateVersionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "certificate_id", nullable = false)
    public Long certificateId;

    @Column(nullable = false, length = 32, columnDefinition = "bpchar(32)")
    public String version;

    @Column(nullable = false)
    public byte[] der;

    /** DER of each chain certificate, concatenated, the leaf's issuer first. */
    @Column(nullable = false)
    public byte[] chain;

    /** With preserveCertOrder: the certificates as a PEM import or merge gave them, leaf included (concatenated DER). */
    @Column(name = "presented_chain")
    public byte[] presentedChain;

    @Column(nullable = false, length = 43)
    public String x5t;

    @Column(name = "serial_number", nullable = false, length = 64)
    public String serialNumber;

    @Column(nullable = false, columnDefinition = "text")
    public String subject;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "private_key_sealed", nullable = false)
    public byte[] privateKeySealed;

    @Column(nullable = false)
    public boolean exportable;

    @Column(nullable = false)
    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> tags;

    @Column(nullable = false, length = 16)
    public String cause;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The newest version of a certificate: the one in force. */
    public static Optional<CertificateVersionEntity> latest(long certificateId) {
        return find("certificateId = ?1 order by createdAt desc, id desc", certificateId).firstResultOptional();
    }

    /** Whether a version of the certificate holds this public key's private half non-exportable: then no version may export it. */
    public static boolean keyIsNonExportable(long certificateId, byte[] publicKey) {
        // A plain query whose plan Hibernate caches (Panache's count derives a new count query at every call).
        return !getEntityManager().createQuery("select v.id from CertificateVersionEntity v"
                        + " where v.certificateId = ?1 and v.publicKey = ?2 and v.exportable = false", Long.class)
                .setParameter(1, certificateId).setParameter(2, publicKey).setMaxResults(1).getResultList().isEmpty();
    }

    public static Optional<CertificateVersionEntity> findVersion(long certificateId, String version) {
        return find("certificateId = ?1 and version = ?2", certificateId, version).firstResultOptional();
    }
}
