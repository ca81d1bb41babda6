package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code acme_challenge}: the HTTP-01 key authorization served for a token while a CA validates. */
@Entity
@Table(name = "acme_challenge")
public class AcmeChallengeEntity extends PanacheEntityBase {

    @Id
    @Column(length = 128)
    public String token;

    @Column(name = "key_authorization", nullable = false, length = 512)
    public String keyAuthorization;

    @Column(name = "order_url", nullable = false, length = 2048)
    public String orderUrl;

    /** The name (DNS name or IP address) the challenge proves: only requests for it get the answer. */
    @Column(nullable = false, length = 253)
    public String identifier;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
