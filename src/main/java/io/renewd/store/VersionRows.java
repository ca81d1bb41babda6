package io.renewd.store;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk of renewals' statements on versions, by JDBC on the transaction's connection: new versions inserted with one
 * statement (Hibernate would insert each with a statement of its own, an identity key read back per row, and compare it
 * at every later flush), and what the chunk reads of the versions its certificates have.
 */
public final class VersionRows {

    /** The id of each row comes from the column's own sequence (bigserial); rows are told apart by their version ids. */
    static final String INSERT = """
            insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                             public_key, private_key_sealed, exportable, enabled, tags, cause, created_at, updated_at)
            select u.certificate_id, u.version, u.der, u.chain, u.x5t, u.serial_number, u.subject, u.not_before::timestamptz,
                   u.not_after::timestamptz, u.public_key, u.private_key_sealed, u.exportable, u.enabled, u.tags::jsonb, u.cause,
                   u.created_at::timestamptz, u.updated_at::timestamptz
            from unnest(?::bigint[], ?::text[], ?::bytea[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::bytea[], ?::bytea[], ?::boolean[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                      public_key, private_key_sealed, exportable, enabled, tags, cause, created_at, updated_at)
            returning version, id""";

    private static final List<JdbcValues.Column<CertificateVersionEntity>> COLUMNS = List.of(
            new JdbcValues.Column<>("int8", v -> v.certificateId), new JdbcValues.Column<>("text", v -> v.version), new JdbcValues.Column<>("bytea", v -> v.der),
            new JdbcValues.Column<>("bytea", v -> v.chain), new JdbcValues.Column<>("text", v -> v.x5t), new JdbcValues.Column<>("text", v -> v.serialNumber),
            new JdbcValues.Column<>("text", v -> v.subject), new JdbcValues.Column<>("text", v -> v.notBefore.toString()),
            new JdbcValues.Column<>("text", v -> v.notAfter.toString()), new JdbcValues.Column<>("bytea", v -> v.publicKey),
            new JdbcValues.Column<>("bytea", v -> v.privateKeySealed), new JdbcValues.Column<>("bool", v -> v.exportable), new JdbcValues.Column<>("bool", v -> v.enabled),
            new JdbcValues.Column<>("text", v -> JdbcValues.json(v.tags)), new JdbcValues.Column<>("text", v -> v.cause), new JdbcValues.Column<>("text", v -> v.createdAt.toString()),
            new JdbcValues.Column<>("text", v -> v.updatedAt.toString()));

    private static final String CURRENT = """
            select distinct on (certificate_id) certificate_id, version, enabled, not_before, not_after, tags::text from certificate_version
            where certificate_id = any(?) order by certificate_id, created_at desc, id desc""";

    private static final String NON_EXPORTABLE_KEYS = """
            select certificate_id, public_key from certificate_version where certificate_id = any(?) and not exportable""";

    /** What work on a certificate reads of its current version. */
    public record Current(String version, boolean enabled, Instant notBefore, Instant notAfter, Map<String, String> tags) {
    }

    private VersionRows() {
    }

    /** The current version of each of these certificates that has one, by certificate id (not its certificate, chain or key). */
    public static Map<Long, Current> currentOf(Collection<Long> certificateIds) {
        return JdbcValues.byIds(CURRENT, certificateIds, (rows, current) -> current.put(rows.getLong(1),
                new Current(rows.getString(2), rows.getBoolean(3), JdbcValues.instant(rows, "not_before"), JdbcValues.instant(rows, "not_after"),
                        JdbcValues.stringMap(rows.getString(6)))));
    }

    /**
     * The public keys whose private halves versions of these certificates hold non-exportable, by certificate: no later
     * version of the certificate may export them.
     */
    public static Map<Long, List<byte[]>> nonExportableKeysOf(Collection<Long> certificateIds) {
        return JdbcValues.byIds(NON_EXPORTABLE_KEYS, certificateIds,
                (rows, keys) -> keys.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getBytes(2)));
    }

    /**
     * Inserts the rows (each with a version id of its own, no id yet) in the caller's transaction and sets their ids. They stay
     * unmanaged: Hibernate's session holds no copy of them to flush or compare.
     */
    public static void insert(List<CertificateVersionEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, CertificateVersionEntity> byVersion = new HashMap<>();
        rows.forEach(row -> byVersion.put(row.version, row));
        JdbcValues.session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < COLUMNS.size(); i++) {
                    insert.setArray(i + 1, JdbcValues.array(connection, rows, COLUMNS.get(i)));
                }
                try (ResultSet ids = insert.executeQuery()) {
                    while (ids.next()) {
                        byVersion.get(ids.getString(1)).id = ids.getLong(2);
                    }
                }
            }
        });
    }

}
