package io.renewd.store;


import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Certificates read by JDBC on the transaction's connection, with one statement, for work that does not change them (a
 * chunk of attempts, a poll of renewal requests): unmanaged {@link CertificateEntity} instances, which Hibernate neither
 * hydrates nor compares at flushes.
 */
public final class CertificateRows {

    /** Every column {@code certificate(ResultSet)} reads, in its order: the statements below add only their conditions. */
    private static final String COLUMNS = """
            select id, vault, name, policy::text, policy_created_at, policy_updated_at, created_at, policy_set_by,
                   policy_set_by_groups::text, preserve_cert_order, deleted_at, scheduled_purge_at
            from certificate""";

    static final String SELECT = COLUMNS + " where id = any(?)";

    static final String LOCK_NAMED = COLUMNS + " where vault = ? and lower(name) = any(?) and deleted_at is null order by id for update";

    private CertificateRows() {
    }

    /** The certificates of these ids that exist, by id; changing them stores nothing. */
    public static Map<Long, CertificateEntity> read(Collection<Long> ids) {
        return JdbcValues.byIds(SELECT, ids, (rows, certificates) -> {
            CertificateEntity certificate = certificate(rows);
            certificates.put(certificate.id, certificate);
        });
    }

    /**
     * The live certificates of a vault with these names (lower case), by lower-case name, locked in the order of their ids
     * until the caller's transaction ends; changing them stores nothing.
     */
    public static Map<String, CertificateEntity> lockNamed(String vault, Collection<String> lowerCaseNames) {
        if (lowerCaseNames.isEmpty()) {
            return Map.of();
        }
        return JdbcValues.session().doReturningWork(connection -> {
            Map<String, CertificateEntity> certificates = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(LOCK_NAMED)) {
                select.setString(1, vault);
                select.setArray(2, connection.createArrayOf("text", lowerCaseNames.toArray(String[]::new)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        CertificateEntity certificate = certificate(rows);
                        certificates.put(certificate.name.toLowerCase(Locale.ROOT), certificate);
                    }
                }
            }
            return certificates;
        });
    }

    private static CertificateEntity certificate(ResultSet rows) throws SQLException {
        var certificate = new CertificateEntity();
        certificate.id = rows.getLong("id");
        certificate.vault = rows.getString("vault");
        certificate.name = rows.getString("name");
        certificate.policy = rows.getString("policy");
        certificate.policyCreatedAt = JdbcValues.instant(rows, "policy_created_at");
        certificate.policyUpdatedAt = JdbcValues.instant(rows, "policy_updated_at");
        certificate.createdAt = JdbcValues.instant(rows, "created_at");
        certificate.policySetBy = rows.getString("policy_set_by");
        certificate.policySetByGroups = JdbcValues.stringList(rows.getString("policy_set_by_groups"));
        certificate.preserveCertOrder = rows.getBoolean("preserve_cert_order");
        certificate.deletedAt = JdbcValues.instant(rows, "deleted_at");
        certificate.scheduledPurgeAt = JdbcValues.instant(rows, "scheduled_purge_at");
        return certificate;
    }
}
