package io.renewd.store;

import io.quarkus.hibernate.orm.panache.Panache;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts new versions with one JDBC statement on the transaction's connection, for a chunk of renewals: Hibernate would
 * insert each with a statement of its own (an identity key read back per row) and compare it at every later flush.
 */
public final class VersionRows {

    /** The id of each row comes from the column's own sequence (bigserial); rows are told apart by their version ids. */
    private static final String INSERT = """
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

    private VersionRows() {
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
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
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
