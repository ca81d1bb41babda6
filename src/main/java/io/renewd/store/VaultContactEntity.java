package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;

/** Row of table {@code vault_contact}: one of a vault's certificate contacts, in list order. */
@Entity
@Table(name = "vault_contact")
public class VaultContactEntity extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(length = 127) String vault, int position) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, length = 320)
    public String email;

    @Column(length = 256)
    public String name;

    @Column(length = 64)
    public String phone;

    public static List<VaultContactEntity> ofVault(String vault) {
        return list("key.vault = ?1 order by key.position", vault);
    }
}
