package io.renewd.store;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renewer's JDBC statements name their columns one by one (VersionRows, OperationRows, CertificateRows): a column a
 * migration adds must be read and written there too, or a renewal would silently drop it. Checked against the migrated schema.
 */
@QuarkusTest
class RowStatementsTest {

    @Test
    void aRenewedVersionIsInsertedWithEveryColumnButItsKeyAndTheChainOnlyImportsPresent() throws Exception {
        Matcher insert = Pattern.compile("insert into certificate_version \\(([^)]*)\\)").matcher(VersionRows.INSERT);
        assertThat(insert.find()).isTrue();
        assertThat(names(insert.group(1))).isEqualTo(columnsOf("certificate_version", "id", "presented_chain"));
    }

    @Test
    void aRequestedRenewalsOperationIsWrittenWithEveryColumnOnInsertAndOnReplace() throws Exception {
        Matcher insert = Pattern.compile("insert into certificate_operation \\(([^)]*)\\)").matcher(OperationRows.UPSERT);
        assertThat(insert.find()).isTrue();
        Set<String> inserted = names(insert.group(1));
        assertThat(inserted).isEqualTo(columnsOf("certificate_operation"));
        Matcher replaced = Pattern.compile("(\\w+) = excluded\\.(\\w+)").matcher(OperationRows.UPSERT);
        Set<String> set = new HashSet<>();
        while (replaced.find()) {
            assertThat(replaced.group(2)).isEqualTo(replaced.group(1));
            set.add(replaced.group(1));
        }
        inserted.remove("certificate_id");
        assertThat(set).isEqualTo(inserted);
    }

    @Test
    void aChunksOperationsAndCertificatesAreReadWithEveryColumn() throws Exception {
        assertThat(selected(OperationRows.SELECT)).isEqualTo(columnsOf("certificate_operation"));
        assertThat(selected(CertificateRows.SELECT)).isEqualTo(columnsOf("certificate"));
        assertThat(selected(CertificateRows.LOCK_NAMED)).isEqualTo(columnsOf("certificate"));
        assertThat(CertificateRows.LOCK_NAMED).endsWith("for update");
    }

    private static Set<String> selected(String select) {
        Matcher list = Pattern.compile("(?s)select (.*?)\\s+from ").matcher(select);
        assertThat(list.find()).isTrue();
        return names(list.group(1));
    }

    private static Set<String> names(String list) {
        Set<String> names = new HashSet<>();
        Arrays.stream(list.split(",")).map(column -> column.strip().replaceAll("::\\w+$", "")).forEach(names::add);
        return names;
    }

    private static Set<String> columnsOf(String table, String... notHere) throws Exception {
        Set<String> columns = new HashSet<>(TestDatabase.strings(
                "select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?", table));
        assertThat(columns).as("table %s", table).isNotEmpty().containsAll(Set.of(notHere));
        columns.removeAll(Set.of(notHere));
        return columns;
    }
}
