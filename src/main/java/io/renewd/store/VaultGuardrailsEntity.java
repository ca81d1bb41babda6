package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** Row of table {@code vault_guardrails}: the rules a vault sets for its certificates; a null column sets none. */
@Entity
@Table(name = "vault_guardrails")
public class VaultGuardrailsEntity extends PanacheEntityBase {

    @Id
    @Column(length = 127)
    public String vault;

    @Column(name = "min_rsa_key_size")
    public Integer minRsaKeySize;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_curves")
    public List<String> allowedCurves;

    @Column(name = "max_validity_seconds")
    public Long maxValiditySeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_issuers")
    public List<String> allowedIssuers;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_dns_names")
    public List<String> allowedDnsNames;

    @Column(name = "allow_ca")
    public Boolean allowCa;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_ekus")
    public List<String> allowedEkus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_san_types")
    public List<String> allowedSanTypes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
