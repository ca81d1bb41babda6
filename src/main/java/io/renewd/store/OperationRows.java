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
 * A chunk's operations, read and written back by JDBC on the transaction's connection, one statement each way (and a poll
 * of renewal requests' operations read and written whole, {@link #read} and {@link #upsert}): read as
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
            from certificate_operation where certificate_id = any(?) order by certificate_id""";

    private static final String LOCK = SELECT + " for update";

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

    /** A request's operation, written whole: a new row, or the certificate's last operation replaced. */
    static final String UPSERT = """
            insert into certificate_operation (certificate_id, request_id, status, status_details, issuer_name, certificate_type, csr,
                   public_key, private_key_sealed, key_exportable, cert_transparency, preserve_cert_order, cancellation_requested,
                   error_code, error_message, person_must_act, requested_enabled, requested_tags, renews_version, attempts,
                   next_attempt_at, lease_owner, lease_until, issuer_state, bulk_id, created_at, updated_at)
            select u.certificate_id, u.request_id, u.status, u.status_details, u.issuer_name, u.certificate_type, u.csr, u.public_key,
                   u.private_key_sealed, u.key_exportable, u.cert_transparency, u.preserve_cert_order, u.cancellation_requested,
                   u.error_code, u.error_message, u.person_must_act, u.requested_enabled, u.requested_tags::jsonb, u.renews_version,
                   u.attempts, u.next_attempt_at::timestamptz, u.lease_owner::uuid, u.lease_until::timestamptz, u.issuer_state,
                   u.bulk_id::uuid, u.created_at::timestamptz, u.updated_at::timestamptz
            from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[], ?::bytea[],
                        ?::boolean[], ?::boolean[], ?::boolean[], ?::boolean[], ?::text[], ?::text[], ?::boolean[], ?::boolean[],
                        ?::text[], ?::text[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(certificate_id, request_id, status, status_details, issuer_name, certificate_type, csr, public_key,
                      private_key_sealed, key_exportable, cert_transparency, preserve_cert_order, cancellation_requested, error_code,
                      error_message, person_must_act, requested_enabled, requested_tags, renews_version, attempts, next_attempt_at,
                      lease_owner, lease_until, issuer_state, bulk_id, created_at, updated_at)
            on conflict (certificate_id) do update set request_id = excluded.request_id, status = excluded.status,
                   status_details = excluded.status_details, issuer_name = excluded.issuer_name,
                   certificate_type = excluded.certificate_type, csr = excluded.csr, public_key = excluded.public_key,
                   private_key_sealed = excluded.private_key_sealed, key_exportable = excluded.key_exportable,
                   cert_transparency = excluded.cert_transparency, preserve_cert_order = excluded.preserve_cert_order,
                   cancellation_requested = excluded.cancellation_requested, error_code = excluded.error_code,
                   error_message = excluded.error_message, person_must_act = excluded.person_must_act,
                   requested_enabled = excluded.requested_enabled, requested_tags = excluded.requested_tags,
                   renews_version = excluded.renews_version, attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
                   lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, issuer_state = excluded.issuer_state,
                   bulk_id = excluded.bulk_id, created_at = excluded.created_at, updated_at = excluded.updated_at""";

    private static final List<JdbcValues.Column<CertificateOperationEntity>> WHOLE = List.of(
            new JdbcValues.Column<>("int8", o -> o.certificateId), new JdbcValues.Column<>("text", o -> o.requestId),
            new JdbcValues.Column<>("text", o -> o.status), new JdbcValues.Column<>("text", o -> o.statusDetails),
            new JdbcValues.Column<>("text", o -> o.issuerName), new JdbcValues.Column<>("text", o -> o.certificateType),
            new JdbcValues.Column<>("bytea", o -> o.csr), new JdbcValues.Column<>("bytea", o -> o.publicKey),
            new JdbcValues.Column<>("bytea", o -> o.privateKeySealed), new JdbcValues.Column<>("bool", o -> o.keyExportable),
            new JdbcValues.Column<>("bool", o -> o.certTransparency), new JdbcValues.Column<>("bool", o -> o.preserveCertOrder),
            new JdbcValues.Column<>("bool", o -> o.cancellationRequested), new JdbcValues.Column<>("text", o -> o.errorCode),
            new JdbcValues.Column<>("text", o -> o.errorMessage), new JdbcValues.Column<>("bool", o -> o.personMustAct),
            new JdbcValues.Column<>("bool", o -> o.requestedEnabled), new JdbcValues.Column<>("text", o -> JdbcValues.json(o.requestedTags)),
            new JdbcValues.Column<>("text", o -> o.renewsVersion), new JdbcValues.Column<>("int4", o -> o.attempts),
            new JdbcValues.Column<>("text", o -> text(o.nextAttemptAt)), new JdbcValues.Column<>("text", o -> text(o.leaseOwner)),
            new JdbcValues.Column<>("text", o -> text(o.leaseUntil)), new JdbcValues.Column<>("text", o -> o.issuerState),
            new JdbcValues.Column<>("text", o -> text(o.bulkId)), new JdbcValues.Column<>("text", o -> text(o.createdAt)),
            new JdbcValues.Column<>("text", o -> text(o.updatedAt)));

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
        return byIds(LOCK, certificateIds);
    }

    /** The operations of these certificates that have one, by certificate id, not locked. */
    public static Map<Long, CertificateOperationEntity> read(Collection<Long> certificateIds) {
        return byIds(SELECT, certificateIds);
    }

    private static Map<Long, CertificateOperationEntity> byIds(String sql, Collection<Long> certificateIds) {
        return JdbcValues.byIds(sql, certificateIds, (rows, operations) -> {
            CertificateOperationEntity operation = operation(rows);
            operations.put(operation.certificateId, operation);
        });
    }

    /** Writes what attempts changed on these operations (read by {@link #lock}), with one statement. */
    public static void update(Collection<CertificateOperationEntity> operations) {
        write(UPDATE, UPDATED, operations);
    }

    /**
     * Writes these operations whole, with one statement: each is the certificate's first operation or replaces its last one
     * (a request opened on a row read by {@link #lock}, or a new one).
     */
    public static void upsert(Collection<CertificateOperationEntity> operations) {
        write(UPSERT, WHOLE, operations);
    }

    private static void write(String sql, List<JdbcValues.Column<CertificateOperationEntity>> columns, Collection<CertificateOperationEntity> operations) {
        if (operations.isEmpty()) {
            return;
        }
        List<CertificateOperationEntity> rows = List.copyOf(operations);
        JdbcValues.session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    statement.setArray(i + 1, JdbcValues.array(connection, rows, columns.get(i)));
                }
                statement.executeUpdate();
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
