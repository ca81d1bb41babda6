package io.renewd.application.inventory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.inventory.CertificateState;
import io.renewd.testing.TestVaults;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web inventory's table over 100,000 certificates of one vault: each page, whatever the sort and filter, is one
 * query that reads certificate_inventory once through one of its indexes and never reads the certificate table. The
 * plans (explain analyze), timings and the time the refresher took to fill the inventory go to target/inventory-explain.txt.
 */
@QuarkusTest
class InventoryQueriesScaleTest {

    private static final int CERTIFICATES = 100_000;

    @Inject
    InventoryQueries inventory;

    @Inject
    EntityManager entityManager;

    @Inject
    RefreshInventory refresh;

    @Test
    void everyPageOfTheTableIsOneIndexedQueryAtAHundredThousandCertificates() throws Exception {
        String vault = TestVaults.newName();
        given().put("/vaults/{v}", vault).then().statusCode(201);
        String filled = fill(vault);
        try {
            pages(vault, filled);
        } finally {
            // Later tests of this application move its clock months ahead: the placeholders' actions would fall due then,
            // and their events (no valid policy) hold up the consumers those tests wait on.
            QuarkusTransaction.requiringNew().timeout(600).run(() -> entityManager.createNativeQuery(
                    "delete from certificate where vault = ?1").setParameter(1, vault).executeUpdate());
        }
    }

    private void pages(String vault, String filled) throws Exception {

        Set<String> vaults = Set.of(vault);
        List<InventoryTable.Query> queries = new ArrayList<>();
        for (InventoryTable.Sort sort : InventoryTable.Sort.values()) {
            queries.add(new InventoryTable.Query(vaults, "", "", Optional.empty(), sort, false, 0));
            queries.add(new InventoryTable.Query(vaults, "", "", Optional.empty(), sort, true, 150));
        }
        queries.add(new InventoryTable.Query(vaults, "scale-0999", "", Optional.empty(), InventoryTable.Sort.NAME, false, 0));
        queries.add(new InventoryTable.Query(vaults, "", "acme", Optional.of(CertificateState.HEALTHY), InventoryTable.Sort.NEXT_ACTION, true, 3));
        queries.add(new InventoryTable.Query(vaults, "", "", Optional.of(CertificateState.WAITING), InventoryTable.Sort.EXPIRES, false, 1));
        queries.add(new InventoryTable.Query(vaults, "", "", Optional.of(CertificateState.EXPIRED), InventoryTable.Sort.EXPIRES, true, 0));

        List<String> plans = new ArrayList<>();
        List<Runnable> checks = new ArrayList<>();
        for (InventoryTable.Query query : queries) {
            long started = System.nanoTime();
            Scans scans = QuarkusTransaction.requiringNew().call(() -> {
                Scans before = scans();
                InventoryTable.Page page = inventory.table(query);
                assertThat(page.rows()).as(query.toString()).isNotEmpty();
                return scans().minus(before);
            });
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String plan = explain(query);
            plans.add(query + " -> " + took.toMillis() + " ms, " + scans + "\n" + plan);
            // One query: the inventory is read once, through one of its indexes, never whole; the certificate table not at all.
            // (PostgreSQL 18 counts each search of an index scan, and a skip scan over the sort's leading column makes a few.)
            Matcher searches = Pattern.compile("on certificate_inventory i\\b[^\\n]*\\n(?:[^\\n]*\\n)*?\\s*Index Searches: (\\d+)").matcher(plan);
            long searched = searches.find() ? Long.parseLong(searches.group(1)) : 1;
            checks.add(() -> {
                assertThat(plan.split(" on certificate_inventory i\\b", -1).length - 1).as("plan nodes reading certificate_inventory for %s%n%s", query, plan)
                        .isEqualTo(1);
                assertThat(scans.index()).as("index searches of certificate_inventory for %s%n%s", query, plan).isEqualTo(searched);
                assertThat(scans.sequential()).as("sequential scans of certificate_inventory for %s%n%s", query, plan).isZero();
                assertThat(scans.certificate()).as("scans of certificate for %s%n%s", query, plan).isZero();
                assertThat(plan).as(query.toString()).containsPattern("(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) certificate_inventory_\\w+")
                        .doesNotContain("Seq Scan on certificate_inventory").doesNotContain("on certificate c");
            });
        }
        Files.writeString(Path.of("target", "inventory-explain.txt"), filled + "\n\n" + String.join("\n\n", plans));
        checks.forEach(Runnable::run);
        InventoryTable.Page byName = inventory.table(new InventoryTable.Query(vaults, "", "", Optional.empty(), InventoryTable.Sort.NAME, false, 0));
        assertThat(byName.rows().getFirst().name()).isEqualTo("scale-000001");
        assertThat(byName.hasNext()).isTrue();
        assertThat(inventory.table(new InventoryTable.Query(vaults, "", "", Optional.of(CertificateState.WAITING), InventoryTable.Sort.NAME, false, 0))
                .rows()).hasSize(InventoryTable.PAGE_SIZE).allSatisfy(r -> assertThat(r.state()).isEqualTo(CertificateState.WAITING));
        var estate = inventory.estate(vaults);
        assertThat(estate.total()).isEqualTo(CERTIFICATES);
        assertThat(estate.counts().get(CertificateState.EXPIRED)).isEqualTo(CERTIFICATES / 20);
    }

    /** Reads of the inventory by index and whole, and of the certificate table in any way. */
    record Scans(long index, long sequential, long certificate) {

        Scans minus(Scans before) {
            return new Scans(index - before.index, sequential - before.sequential, certificate - before.certificate);
        }
    }

    /** How often this session has read the inventory and the certificate table (its counts not yet reported). */
    private Scans scans() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select coalesce(sum(idx_scan) filter (where relname = 'certificate_inventory'), 0),
                       coalesce(sum(seq_scan) filter (where relname = 'certificate_inventory'), 0),
                       coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)) filter (where relname = 'certificate'), 0)
                from pg_stat_xact_user_tables where relname in ('certificate_inventory', 'certificate')""").getSingleResult();
        return new Scans(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    /**
     * In steps, each analysed, as a live database's statistics would be; the triggers queue every certificate, which the
     * refresher then brings into the inventory. Returns how long that refresh took. Every AutoRenew falls due in the future:
     * fired, thousands of these placeholder certificates (no valid policy) would go to the renewer and notifier consumers,
     * which other tests of this application share.
     */
    String fill(String vault) {
        List<String> steps = List.of("""
                insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
                select ?1, 'scale-' || lpad(i::text, 6, '0'),
                       jsonb_build_object('issuer', jsonb_build_object('name', case when i % 3 = 0 then 'Self' else 'acme' end)), now(), now(), now()
                from generate_series(1, ?2) i""", """
                insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                                 public_key, private_key_sealed, exportable, cause, created_at, updated_at)
                select c.id, md5(c.name), '\\x00', '\\x00', 'x', '1', 'CN=x', now(), now() + ((c.id % 400) - 20) * interval '1 day' + interval '1 hour',
                       '\\x00', '\\x00', true, 'created', now(), now()
                from certificate c where c.vault = ?1""", """
                insert into due_action (certificate_id, version_id, kind, trigger, due_at)
                select v.certificate_id, v.id, 'AutoRenew', 'lifetime_percentage:80', now() + (v.certificate_id % 400) * interval '1 day' + interval '1 hour'
                from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ?1""",
                // One in 500 waits for a person to merge its CSR.
                """
                insert into certificate_operation (certificate_id, request_id, status, issuer_name, created_at, updated_at)
                select c.id, md5(c.name), 'inProgress', 'Unknown', now(), now() from certificate c where c.vault = ?1 and c.id % 500 = 0""");
        for (String step : steps) {
            long started = System.nanoTime();
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                var insert = entityManager.createNativeQuery(step).setParameter(1, vault);
                if (step.contains("?2")) {
                    insert.setParameter(2, CERTIFICATES);
                }
                insert.executeUpdate();
            });
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "analyze certificate, certificate_version, due_action, certificate_operation").executeUpdate());
            System.out.printf("scale fill: %d ms: %s%n", Duration.ofNanos(System.nanoTime() - started).toMillis(), step.lines().findFirst().orElse(""));
        }
        long started = System.nanoTime();
        int queued = refresh.refreshNow();
        // The scheduler's own refresher may hold part of the queue: its rows count until it commits.
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> refresh.refreshNow() >= 0 && refresh.backlog() == 0);
        String refreshed = "refresh: %d queue rows taken by the test's refresher, %d certificates, in %d ms".formatted(queued, CERTIFICATES,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        System.out.println("scale fill: " + refreshed);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("analyze certificate_inventory").executeUpdate());
        return refreshed;
    }

    @SuppressWarnings("unchecked")
    private String explain(InventoryTable.Query query) {
        return QuarkusTransaction.requiringNew().call(() -> String.join("\n",
                (List<String>) inventory.tableQuery(query, "explain (analyze, buffers) ").getResultList()));
    }
}
