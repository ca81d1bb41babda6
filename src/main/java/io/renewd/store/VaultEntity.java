package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code vault}: a namespace of certificates and its soft-delete rules. */
@Entity
@Table(name = "vault")
public class VaultEntity extends PanacheEntityBase {

    @Id
    @Column(length = 127)
    public String name;

    @Column(name = "soft_delete_retention_days", nullable = false)
    public int softDeleteRetentionDays;

    @Column(name = "purge_protection", nullable = false)
    public boolean purgeProtection;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
