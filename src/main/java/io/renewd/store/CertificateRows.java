package io.renewd.store;


import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Certificates read by JDBC on the transaction's connection, with one statement, for work that does not change them (a
 * chunk of attempts): unmanaged {@link CertificateEntity} instances, which Hibernate neither hydrates nor compares at flushes.
 */
public final class CertificateRows {

    static final String SELECT = """
            select id, vault, name, policy::text, policy_created_at, policy_updated_at, created_at, policy_set_by,
                   policy_set_by_groups::text, preserve_cert_order, deleted_at, scheduled_purge_at
            from certificate where id = any(?)""";

    private CertificateRows() {
    }

    /** The certificates of these ids that exist, by id; changing them stores nothing. */
    public static Map<Long, CertificateEntity> read(Collection<Long> ids) {
        return JdbcValues.byIds(SELECT, ids, (rows, certificates) -> {
            CertificateEntity certificate = certificate(rows);
            certificates.put(certificate.id, certificate);
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
