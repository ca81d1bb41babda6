package io.renewd.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class FiredActionsTest {

    /**
     * The renewer's consumer checks every poll's events against what the sweep fired: with 20,000 certificates in the
     * vault, finding ten of them reads index entries for those ten, not the whole vault (it once read every certificate
     * at every poll: 10 ms a poll at 20,000, growing with the estate).
     */
    @Test
    void checkingAPollsVersionsReadsThoseCertificatesNotTheVault() throws Exception {
        int certificates = 20_000;
        try (Connection connection = TestDatabase.connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("insert into vault (name, created_at, updated_at) values ('fired-scale', now(), now())");
                statement.execute("""
                        insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
                        select 'fired-scale', 'Cert-' || g, '{}', now(), now(), now() from generate_series(1, %d) g""".formatted(certificates));
                statement.execute("""
                        insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before,
                            not_after, public_key, private_key_sealed, exportable, cause, created_at, updated_at)
                        select id, 'v1', '\\x00', '\\x', 'x5t', '00', 'CN=' || name, now(), now() + interval '365 days', '\\x00', '\\x00',
                            true, 'created', now(), now()
                        from certificate where vault = 'fired-scale'""");
                statement.execute("""
                        insert into due_action (certificate_id, version_id, kind, trigger, due_at, state, settled_at)
                        select certificate_id, id, 'AutoRenew', 'lifetime_percentage:80', now(), 'fired', now()
                        from certificate_version where certificate_id in (select id from certificate where vault = 'fired-scale')""");
                statement.execute("analyze certificate");
                statement.execute("analyze certificate_version");
                statement.execute("analyze due_action");
                statement.execute("prepare fired_of(text[], text[], text[], text) as " + numbered(FiredActions.FIRED_OF));
                String plan;
                try (ResultSet rows = statement.executeQuery("""
                        explain (analyze, format json) execute fired_of(array_fill('fired-scale'::text, array[10]),
                            '{Cert-1,Cert-2,Cert-3,Cert-4,Cert-5,Cert-6,Cert-7,Cert-8,Cert-9,Cert-10}', array_fill('v1'::text, array[10]),
                            'AutoRenew')""")) {
                    rows.next();
                    plan = rows.getString(1);
                }
                assertThat(rowsOverAllLoops(new ObjectMapper().readTree(plan).get(0).get("Plan")))
                        .as("rows the plan's nodes read, over all their loops: %s", plan).isLessThan(1_000L);
            } finally {
                connection.rollback();
            }
        }
    }

    private static String numbered(String jdbc) {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : jdbc.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        return numbered.toString();
    }

    /** Rows every node read over all its loops, those its filters removed included (an index scan filtered on the name). */
    private static long rowsOverAllLoops(JsonNode node) {
        long perLoop = node.get("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                + node.path("Rows Removed by Join Filter").asLong();
        long rows = perLoop * node.get("Actual Loops").asLong();
        for (JsonNode child : node.path("Plans")) {
            rows += rowsOverAllLoops(child);
        }
        return rows;
    }
}
