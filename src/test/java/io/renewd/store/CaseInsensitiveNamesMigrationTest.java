package io.renewd.store;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V19 makes names unique in any case. Names stored before it that differ only in case stop the migration, which
 * names them and changes nothing; once one spelling of each is left, it runs. In a schema of its own, through
 * connections of its own (as {@link IssuerSettingsMigrationTest}).
 */
@QuarkusTest
class CaseInsensitiveNamesMigrationTest {

    private static final String SCHEMA = "before_v19";
    private static final String POLICY = "{\"issuer\": {\"name\": \"Self\"}}";

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
    void namesThatDifferOnlyInCaseStopTheMigrationUntilOneSpellingIsLeft() throws SQLException {
        migrateTo("18");
        execute("insert into vault (name, created_at, updated_at) values ('v1', now(), now()), ('v2', now(), now())");
        execute("""
                insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at) values
                ('v1', 'web', '%1$s', now(), now(), now()), ('v1', 'Web', '%1$s', now(), now(), now()),
                ('v2', 'web', '%1$s', now(), now(), now()), ('v1', 'api', '%1$s', now(), now(), now())""".formatted(POLICY));
        execute("""
                insert into certificate_issuer (vault, name, provider, created_at, updated_at) values
                ('v1', 'team-ca', 'acme', now(), now()), ('v1', 'Team-CA', 'acme', now(), now())""");

        assertThatThrownBy(() -> migrateTo("19")).hasMessageContaining("certificate v1/{Web, web}")
                .hasMessageContaining("issuer v1/{Team-CA, team-ca}").hasMessageNotContaining("v2/");
        assertThat(version()).isEqualTo("18");

        execute("delete from certificate where vault = 'v1' and name = 'Web'");
        execute("delete from certificate_issuer where vault = 'v1' and name = 'Team-CA'");
        migrateTo("19");

        assertThat(version()).isEqualTo("19");
        assertThatThrownBy(() -> execute("insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at) "
                + "values ('v1', 'WEB', '" + POLICY + "', now(), now(), now())")).hasMessageContaining("certificate_name_ci");
        execute("insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at) "
                + "values ('v2', 'API', '" + POLICY + "', now(), now(), now())");
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(url, username, password).schemas(SCHEMA).target(version).locations("classpath:db/migration").load().migrate();
    }

    private void execute(String sql) throws SQLException {
        try (var connection = connection(); var statement = connection.createStatement()) {
            statement.execute("set search_path to " + SCHEMA);
            statement.execute(sql);
        }
    }

    private String version() throws SQLException {
        try (var connection = connection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select max(version::integer)::text from " + SCHEMA + ".flyway_schema_history where success")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
