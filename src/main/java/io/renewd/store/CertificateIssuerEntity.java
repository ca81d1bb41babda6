package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/** Row of table {@code certificate_issuer}: a named issuer of a vault; credentials only sealed. */
@Entity
@Table(name = "certificate_issuer")
public class CertificateIssuerEntity extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(length = 127) String vault, @Column(length = 127) String name) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, length = 32)
    public String provider;

    /** Provider settings as JSON ({"acme": {...}} or {"ca": {...}}); never secrets. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String settings;

    @Column(name = "credentials_sealed")
    public byte[] credentialsSealed;

    /** The TSIG secrets of its dns01 solvers, a JSON list by solver position, sealed. */
    @Column(name = "solver_secrets_sealed")
    public byte[] solverSecretsSealed;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "org_details")
    public String orgDetails;

    @Column(nullable = false)
    public boolean enabled;

    /** renewd's limits.max_concurrent; null: the deployment's default. */
    @Column(name = "max_concurrent")
    public Integer maxConcurrent;

    /** renewd's limits.max_orders_per_hour; null: no limit. */
    @Column(name = "max_orders_per_hour")
    public Integer maxOrdersPerHour;

    /** Until when no renewer claims this issuer's operations (the CA said Retry-After); null or past: not paused. */
    @Column(name = "paused_until")
    public Instant pausedUntil;

    @Column(name = "pause_reason")
    public String pauseReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The issuer of that name in any case (names are case-insensitive, as in Key Vault; index certificate_issuer_name_ci). */
    public static Optional<CertificateIssuerEntity> findByName(String vault, String name) {
        return find("key.vault = ?1 and lower(key.name) = lower(?2)", vault, name).firstResultOptional();
    }
}
