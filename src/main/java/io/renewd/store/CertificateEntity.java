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
import java.util.List;
import java.util.Optional;

/** Row of table {@code certificate}: a named certificate of a vault, live or soft-deleted. */
@Entity
@Table(name = "certificate")
public class CertificateEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 127)
    public String vault;

    @Column(nullable = false, length = 127)
    public String name;

    /** The policy as stored JSON (see {@link PolicyJson}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_created_at", nullable = false)
    public Instant policyCreatedAt;

    @Column(name = "policy_updated_at", nullable = false)
    public Instant policyUpdatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Who last set the policy (token subject); null for policies set before renewd recorded it. */
    @Column(name = "policy_set_by")
    public String policySetBy;

    /** The groups of {@link #policySetBy}'s token then: the renewer judges that principal's rights again. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "policy_set_by_groups")
    public List<String> policySetByGroups;

    /** Key Vault 7.6's preserveCertOrder, as the last create or import gave it. */
    @Column(name = "preserve_cert_order", nullable = false)
    public boolean preserveCertOrder;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "scheduled_purge_at")
    public Instant scheduledPurgeAt;

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The certificate of that name in any case (names are case-insensitive, as in Key Vault), live or deleted. */
    public static Optional<CertificateEntity> findByName(String vault, String name) {
        return find(BY_NAME, vault, name).firstResultOptional();
    }

    /**
     * Query of the certificate of vault ?1 named ?2 in any case (index certificate_name_ci): the one rule, in HQL and in
     * SQL on table certificate alike (fields and columns have the same names).
     */
    public static final String BY_NAME = "vault = ?1 and lower(name) = lower(?2)";
}
