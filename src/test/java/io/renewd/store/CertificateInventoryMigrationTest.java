package io.renewd.store;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V23 fills certificate_inventory with the certificates stored before it, as the refresher would compute them, and from
 * then on the writers' statements queue the certificates they change. In a schema of its own, through connections of
 * its own (as {@link CaseInsensitiveNamesMigrationTest}).
 */
@QuarkusTest
class CertificateInventoryMigrationTest {

    private static final String SCHEMA = "before_v23";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @AfterEach
    void dropSchema() throws SQLException {
        try (var connection = connection()) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void theCertificatesStoredBeforeAreInTheInventoryAndLaterChangesAreQueued() throws SQLException {
        migrateTo("22");
        execute("insert into vault (name, created_at, updated_at) values ('v1', now(), now())");
        execute("""
                insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at, deleted_at, scheduled_purge_at) values
                ('v1', 'Web', '{"issuer": {"name": "Self"}}', now(), now(), now(), null, null),
                ('v1', 'csr', '{"issuer": {"name": "Unknown"}}', now(), now(), now(), null, null),
                ('v1', 'gone', '{"issuer": {"name": "Self"}}', now(), now(), now(), now(), now() + interval '7 days')""");
        execute("""
                insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                                 public_key, private_key_sealed, exportable, cause, created_at, updated_at)
                select c.id, md5(c.name), '\\x00', '\\x00', 'x', '1', 'CN=x', now(), timestamptz '2030-01-01 00:00+00', '\\x00', '\\x00', true,
                       'created', now(), now()
                from certificate c where c.name in ('Web', 'gone')""");
        execute("""
                insert into due_action (certificate_id, version_id, kind, trigger, due_at, state)
                select v.certificate_id, v.id, kind, trigger, due, state
                from certificate_version v join certificate c on c.id = v.certificate_id,
                     (values ('EmailContacts', 'lifetime_percentage:50', timestamptz '2029-06-01 00:00+00', 'fired'),
                             ('AutoRenew', 'lifetime_percentage:80', timestamptz '2029-10-01 00:00+00', 'pending'),
                             ('Expired', 'expiry', timestamptz '2030-01-01 00:00+00', 'pending')) actions(kind, trigger, due, state)
                where c.name = 'Web'""");
        execute("""
                insert into certificate_operation (certificate_id, request_id, status, issuer_name, created_at, updated_at)
                select c.id, md5(c.name), 'inProgress', 'Unknown', now(), now() from certificate c where c.name = 'csr'""");

        migrateTo("23");

        assertThat(rows("""
                select name || ' ' || name_lower || ' ' || issuer_lower || ' ' || deleted || ' ' || coalesce(current_not_after::text, '-') || ' '
                       || coalesce(next_due_kind || '@' || next_due_at::text, '-') || ' ' || coalesce(next_renew_at::text, '-') || ' '
                       || coalesce(last_result, '-') || ' ' || coalesce(operation_state, '-')
                from certificate_inventory order by name_lower""")).containsExactly(
                "csr csr unknown false - - - inProgress waiting",
                "gone gone self true 2030-01-01 00:00:00+00 - - - -",
                "Web web self false 2030-01-01 00:00:00+00 AutoRenew@2029-10-01 00:00:00+00 2029-10-01 00:00:00+00 - -");
        assertThat(rows("select count(*)::text from certificate_inventory_dirty")).containsExactly("0");

        // Writers queue what they change, each certificate once a statement; the renewer's leases queue nothing.
        execute("update due_action set state = 'fired' where kind = 'AutoRenew'");
        execute("update certificate_operation set lease_until = now()");
        execute("update certificate_operation set status = 'completed'");
        execute("update certificate set policy_updated_at = now()");
        execute("update certificate set deleted_at = null, scheduled_purge_at = null where name = 'gone'");
        assertThat(rows("select c.name from certificate_inventory_dirty d join certificate c on c.id = d.certificate_id order by d.id"))
                .containsExactly("Web", "csr", "gone");
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(url, username, password).schemas(SCHEMA).target(version).locations("classpath:db/migration").load().migrate();
    }

    private void execute(String sql) throws SQLException {
        try (var connection = connection(); var statement = connection.createStatement()) {
            statement.execute("set search_path to " + SCHEMA + "; set time zone 'UTC'");
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var connection = connection(); var statement = connection.createStatement()) {
            statement.execute("set search_path to " + SCHEMA + "; set time zone 'UTC'");
            try (var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
