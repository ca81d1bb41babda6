package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Row of table {@code acme_dns_record}: a DNS-01 TXT value renewd added through RFC 2136 and has
 * not removed yet, with what removing it takes (the TSIG secret only sealed).
 */
@Entity
@Table(name = "acme_dns_record")
public class AcmeDnsRecordEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_url", nullable = false, length = 2048)
    public String orderUrl;

    /** The owner name written, absolute (after following a CNAME of {@code _acme-challenge}). */
    @Column(nullable = false, length = 255)
    public String fqdn;

    @Column(name = "txt_value", nullable = false, length = 255)
    public String txtValue;

    @Column(nullable = false, length = 255)
    public String zone;

    @Column(nullable = false, length = 300)
    public String nameserver;

    @Column(name = "tsig_key_name", nullable = false, length = 255)
    public String tsigKeyName;

    @Column(name = "tsig_algorithm", nullable = false, length = 32)
    public String tsigAlgorithm;

    @Column(name = "tsig_secret_sealed", nullable = false)
    public byte[] tsigSecretSealed;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /** When the record has outlived any order: removed then even if its order never settles. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The server confirmed the addition (until then an answer lost on the way leaves it unknown). */
    @Column(nullable = false)
    public boolean confirmed;

    /** Its order is settled: the record is to be removed (retried until the server confirms). */
    @Column(nullable = false)
    public boolean remove;

    /** Why the last removal failed, for operators. */
    @Column(name = "last_error", length = 1000)
    public String lastError;
}
