package io.renewd.store;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A chunk's operations, read and written back by JDBC on the transaction's connection, one statement each way: read as
 * Hibernate entities they cost a hydration each and a comparison with their snapshot at every flush of the transaction.
 * The rows read are unmanaged {@link CertificateOperationEntity} instances: what the caller changes on them reaches the
 * database only through {@link #update}.
 */
public final class OperationRows {

    static final String SELECT = """
            select certificate_id, request_id, status, status_details, issuer_name, certificate_type, csr, public_key,
                   private_key_sealed, key_exportable, cert_transparency, preserve_cert_order, cancellation_requested, error_code,
                   error_message, person_must_act, requested_enabled, requested_tags::text, renews_version, attempts, next_attempt_at,
                   lease_owner, lease_until, issuer_state, bulk_id, created_at, updated_at
            from certificate_operation where certificate_id = any(?) order by certificate_id for update""";

    /** The columns an attempt changes (its lease, key, outcome); the others stay as the request that opened it wrote them. */
    private static final String UPDATE = """
            update certificate_operation o set status = u.status, status_details = u.status_details, error_code = u.error_code,
                   error_message = u.error_message, person_must_act = u.person_must_act, attempts = u.attempts,
                   next_attempt_at = u.next_attempt_at::timestamptz, lease_owner = u.lease_owner::uuid,
                   lease_until = u.lease_until::timestamptz, issuer_state = u.issuer_state, csr = u.csr, public_key = u.public_key,
                   private_key_sealed = u.private_key_sealed, key_exportable = u.key_exportable, updated_at = u.updated_at::timestamptz
            from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::integer[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::bytea[], ?::bytea[], ?::bytea[], ?::boolean[], ?::text[])
                 as u(certificate_id, status, status_details, error_code, error_message, person_must_act, attempts, next_attempt_at,
                      lease_owner, lease_until, issuer_state, csr, public_key, private_key_sealed, key_exportable, updated_at)
            where o.certificate_id = u.certificate_id""";

    private static final List<JdbcValues.Column<CertificateOperationEntity>> UPDATED = List.of(
            new JdbcValues.Column<>("int8", o -> o.certificateId), new JdbcValues.Column<>("text", o -> o.status), new JdbcValues.Column<>("text", o -> o.statusDetails),
            new JdbcValues.Column<>("text", o -> o.errorCode), new JdbcValues.Column<>("text", o -> o.errorMessage), new JdbcValues.Column<>("bool", o -> o.personMustAct),
            new JdbcValues.Column<>("int4", o -> o.attempts), new JdbcValues.Column<>("text", o -> text(o.nextAttemptAt)), new JdbcValues.Column<>("text", o -> text(o.leaseOwner)),
            new JdbcValues.Column<>("text", o -> text(o.leaseUntil)), new JdbcValues.Column<>("text", o -> o.issuerState), new JdbcValues.Column<>("bytea", o -> o.csr),
            new JdbcValues.Column<>("bytea", o -> o.publicKey), new JdbcValues.Column<>("bytea", o -> o.privateKeySealed), new JdbcValues.Column<>("bool", o -> o.keyExportable),
            new JdbcValues.Column<>("text", o -> text(o.updatedAt)));

    private OperationRows() {
    }

    /**
     * The operations of these certificates that have one, by certificate id, locked in the order of their ids (so two
     * transactions over the same certificates never wait on each other crosswise) until the caller's transaction ends.
     */
    public static Map<Long, CertificateOperationEntity> lock(Collection<Long> certificateIds) {
        return JdbcValues.byIds(SELECT, certificateIds, (rows, operations) -> {
            CertificateOperationEntity operation = operation(rows);
            operations.put(operation.certificateId, operation);
        });
    }

    /** Writes what attempts changed on these operations (read by {@link #lock}), with one statement. */
    public static void update(Collection<CertificateOperationEntity> operations) {
        if (operations.isEmpty()) {
            return;
        }
        List<CertificateOperationEntity> rows = List.copyOf(operations);
        JdbcValues.session().doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                for (int i = 0; i < UPDATED.size(); i++) {
                    update.setArray(i + 1, JdbcValues.array(connection, rows, UPDATED.get(i)));
                }
                update.executeUpdate();
            }
        });
    }

    private static CertificateOperationEntity operation(ResultSet rows) throws SQLException {
        var operation = new CertificateOperationEntity();
        operation.certificateId = rows.getLong("certificate_id");
        operation.requestId = rows.getString("request_id");
        operation.status = rows.getString("status");
        operation.statusDetails = rows.getString("status_details");
        operation.issuerName = rows.getString("issuer_name");
        operation.certificateType = rows.getString("certificate_type");
        operation.csr = rows.getBytes("csr");
        operation.publicKey = rows.getBytes("public_key");
        operation.privateKeySealed = rows.getBytes("private_key_sealed");
        operation.keyExportable = rows.getBoolean("key_exportable");
        operation.certTransparency = rows.getObject("cert_transparency", Boolean.class);
        operation.preserveCertOrder = rows.getBoolean("preserve_cert_order");
        operation.cancellationRequested = rows.getBoolean("cancellation_requested");
        operation.errorCode = rows.getString("error_code");
        operation.errorMessage = rows.getString("error_message");
        operation.personMustAct = rows.getBoolean("person_must_act");
        operation.requestedEnabled = rows.getBoolean("requested_enabled");
        operation.requestedTags = JdbcValues.stringMap(rows.getString("requested_tags"));
        operation.renewsVersion = rows.getString("renews_version");
        operation.attempts = rows.getInt("attempts");
        operation.nextAttemptAt = JdbcValues.instant(rows, "next_attempt_at");
        operation.leaseOwner = rows.getObject("lease_owner", UUID.class);
        operation.leaseUntil = JdbcValues.instant(rows, "lease_until");
        operation.issuerState = rows.getString("issuer_state");
        operation.bulkId = rows.getObject("bulk_id", UUID.class);
        operation.createdAt = JdbcValues.instant(rows, "created_at");
        operation.updatedAt = JdbcValues.instant(rows, "updated_at");
        return operation;
    }

    private static String text(Object value) {
        return Objects.toString(value, null);
    }
}
