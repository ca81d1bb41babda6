package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.renewd.domain.Vault;
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

    /** Whether contacts were ever set: an empty list set on purpose differs from none. */
    @Column(name = "contacts_set", nullable = false)
    public boolean contactsSet;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Vault toVault() {
        return new Vault(name, softDeleteRetentionDays, purgeProtection, createdAt, updatedAt);
    }
}
