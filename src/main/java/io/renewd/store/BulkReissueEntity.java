package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.renewd.domain.bulk.BulkStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** Row of table {@code bulk_reissue}: one bulk re-issue request; its certificates' operations point at it. */
@Entity
@Table(name = "bulk_reissue")
public class BulkReissueEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 127)
    public String vault;

    /** The selector as the API shows it. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String selector;

    @Column(nullable = false, columnDefinition = "text")
    public String reason;

    /** Wire spelling of a {@link BulkStatus}. */
    @Column(nullable = false, length = 16)
    public String status;

    @Column(nullable = false)
    public int selected;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "requested_by", nullable = false, columnDefinition = "text")
    public String requestedBy;

    @Column(name = "idempotency_key", length = 200)
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** The outcome counted when the last operation ended; null before. */
    public Integer done;

    public Integer failed;

    public Integer cancelled;

    public BulkStatus status() {
        return BulkStatus.fromWireName(status);
    }

    public void status(BulkStatus status) {
        this.status = status.wireName();
    }
}
