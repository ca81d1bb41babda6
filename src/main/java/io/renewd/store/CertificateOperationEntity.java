package io.renewd.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.renewd.domain.OperationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Row of table {@code certificate_operation}: a certificate's create/renew in flight, or its last one. */
@Entity
@Table(name = "certificate_operation")
public class CertificateOperationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "certificate_id")
    public Long certificateId;

    @Column(name = "request_id", nullable = false, length = 64)
    public String requestId;

    /** Wire spelling of an {@link OperationStatus}: what the database check constraint allows. */
    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "status_details", columnDefinition = "text")
    public String statusDetails;

    @Column(name = "issuer_name", nullable = false, length = 127)
    public String issuerName;

    @Column(name = "certificate_type", length = 64)
    public String certificateType;

    public byte[] csr;

    @Column(name = "public_key")
    public byte[] publicKey;

    @Column(name = "private_key_sealed")
    public byte[] privateKeySealed;

    /** Whether the pending key may ever be exported: false when a policy said so as the key was made or chosen for reuse. */
    @Column(name = "key_exportable", nullable = false)
    public boolean keyExportable = true;

    @Column(name = "cert_transparency")
    public Boolean certTransparency;

    @Column(name = "preserve_cert_order", nullable = false)
    public boolean preserveCertOrder;

    @Column(name = "cancellation_requested", nullable = false)
    public boolean cancellationRequested;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "error_message", columnDefinition = "text")
    public String errorMessage;

    /** The last failed attempt cannot succeed without a person (its failure is not retryable). */
    @Column(name = "person_must_act", nullable = false)
    public boolean personMustAct;

    @Column(name = "requested_enabled", nullable = false)
    public boolean requestedEnabled;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "requested_tags", nullable = false)
    public Map<String, String> requestedTags;

    /** The version this operation renews (AutoRenew); null for a create. */
    @Column(name = "renews_version", length = 32)
    public String renewsVersion;

    @Column(nullable = false)
    public int attempts;

    /** When a renewer works on it next; null when nothing is left to do without a person. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_owner")
    public UUID leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** What the issuer needs to resume (an ACME order URL). */
    @Column(name = "issuer_state", columnDefinition = "text")
    public String issuerState;

    /** The bulk re-issue this operation belongs to; null for one a person or a lifetime action asked for. */
    @Column(name = "bulk_id")
    public UUID bulkId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public OperationStatus status() {
        return OperationStatus.fromWireName(status);
    }

    public void status(OperationStatus status) {
        this.status = status.wireName();
    }
}
