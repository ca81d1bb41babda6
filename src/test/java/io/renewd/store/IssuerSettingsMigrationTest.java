package io.renewd.store;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.IssuerProvider;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuers stored before V13 (camelCase settings) read back as the same providers after it, in a schema of their own,
 * through connections of their own: a pooled connection left with another search_path would break every later test.
 */
@QuarkusTest
class IssuerSettingsMigrationTest {

    private static final String SCHEMA = "before_v13";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    IssuerSettingsJson settingsJson;

    @AfterEach
    void dropSchema() throws SQLException {
        try (var connection = connection()) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void issuersStoredBeforeTheSettingsTookTheApiShapeReadBackUnchanged() throws SQLException {
        migrateTo("12");
        try (var connection = connection(); var statement = connection.createStatement()) {
            statement.execute("set search_path to " + SCHEMA);
            statement.execute("insert into vault (name, created_at, updated_at) values ('v1', now(), now())");
            statement.execute("""
                    insert into certificate_issuer (vault, name, provider, settings, created_at, updated_at) values
                    ('v1', 'le', 'acme', '{"acme": {"directoryUrl": "https://acme.example.com/dir", "contact": "pki@example.com"}, "ca": null}', now(), now()),
                    ('v1', 'le2', 'acme', '{"acme": {"directoryUrl": "https://acme.example.com/dir", "contact": null}, "ca": null}', now(), now()),
                    ('v1', 'old-ca', 'ca', '{"acme": null, "ca": {"certificateName": "root"}}', now(), now()),
                    ('v1', 'sub-ca', 'ca', '{"acme": null, "ca": {"certificateName": "root", "allowCa": true, "maxPathLength": 1}}', now(), now())""");
        }
        migrateTo("13");

        assertThat(provider("le")).isEqualTo(new IssuerProvider.Acme("https://acme.example.com/dir", "pki@example.com", null));
        assertThat(provider("le2")).isEqualTo(new IssuerProvider.Acme("https://acme.example.com/dir", null, null));
        assertThat(provider("old-ca")).isEqualTo(new IssuerProvider.InternalCa("root", false, null, IssuerProvider.Cascade.DEFAULT));
        assertThat(provider("sub-ca")).isEqualTo(new IssuerProvider.InternalCa("root", true, 1, IssuerProvider.Cascade.DEFAULT));
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(url, username, password).schemas(SCHEMA).target(version).locations("classpath:db/migration").load().migrate();
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    private IssuerProvider provider(String name) throws SQLException {
        try (var connection = connection();
             var query = connection.prepareStatement("select provider, settings from " + SCHEMA + ".certificate_issuer where name = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                rows.next();
                var row = new CertificateIssuerEntity();
                row.provider = rows.getString(1);
                row.settings = rows.getString(2);
                return settingsJson.provider(row);
            }
        }
    }
}
