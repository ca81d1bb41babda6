package io.renewd.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class SchemaMigrationTest {

    @Inject
    DataSource dataSource;

    @Test
    void flywayAppliedEveryMigrationSuccessfully() throws SQLException {
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery(
                     "select version, success from flyway_schema_history where version is not null order by installed_rank")) {
            int applied = 0;
            while (rows.next()) {
                applied++;
                assertThat(rows.getBoolean("success")).as("migration %s succeeded", rows.getString("version")).isTrue();
            }
            assertThat(applied).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void hibernateMappingReadsAndWritesTheMigratedTable() {
        String name = "vault-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            var vault = new VaultEntity();
            vault.name = name;
            vault.softDeleteRetentionDays = 30;
            vault.purgeProtection = true;
            vault.createdAt = now;
            vault.updatedAt = now;
            vault.persist();
        });

        VaultEntity read = QuarkusTransaction.requiringNew().call(() -> VaultEntity.findById(name));

        assertThat(read.softDeleteRetentionDays).isEqualTo(30);
        assertThat(read.purgeProtection).isTrue();
        assertThat(read.createdAt).isEqualTo(now);
    }

    @Test
    void databaseRefusesARetentionOutsideSevenToNinetyDays() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            var vault = new VaultEntity();
            vault.name = "vault-bad-retention";
            vault.softDeleteRetentionDays = 5;
            vault.createdAt = Instant.now();
            vault.updatedAt = Instant.now();
            vault.persist();
        })).rootCause().hasMessageContaining("vault_retention_days_range");

        VaultEntity stored = QuarkusTransaction.requiringNew().call(() -> VaultEntity.findById("vault-bad-retention"));
        assertThat(stored).isNull();
    }
}
