package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** Row of table {@code acme_account}: an ACME account of a vault's issuer at one directory; private key only sealed. */
@Entity
@Table(name = "acme_account")
public class AcmeAccountEntity extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(length = 127) String vault, @Column(length = 127) String issuer,
                      @Column(name = "directory_url", length = 2048) String directoryUrl) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "account_url", nullable = false, length = 2048)
    public String accountUrl;

    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "private_key_sealed", nullable = false)
    public byte[] privateKeySealed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
