package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code acme_order}: an ACME order renewd placed for a certificate and may resume. */
@Entity
@Table(name = "acme_order")
public class AcmeOrderEntity extends PanacheEntityBase {

    @Id
    @Column(name = "order_url", length = 2048)
    public String orderUrl;

    @Column(nullable = false, length = 127)
    public String vault;

    @Column(nullable = false, length = 127)
    public String certificate;

    @Column(nullable = false, length = 127)
    public String issuer;

    @Column(name = "account_url", nullable = false, length = 2048)
    public String accountUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
