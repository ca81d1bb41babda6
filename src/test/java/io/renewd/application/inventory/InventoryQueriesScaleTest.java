package io.renewd.application.inventory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.inventory.CertificateState;
import io.renewd.testing.TestVaults;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web inventory's table over 100,000 certificates of one vault: each page is one query that answers in well under
 * a second, whatever the sort. The plans (explain analyze) go to target/inventory-explain.txt.
 */
@QuarkusTest
class InventoryQueriesScaleTest {

    private static final int CERTIFICATES = 100_000;

    @Inject
    InventoryQueries inventory;

    @Inject
    EntityManager entityManager;

    @Test
    void everyPageOfTheTableIsOneFastQueryAtAHundredThousandCertificates() throws Exception {
        String vault = TestVaults.newName();
        given().put("/vaults/{v}", vault).then().statusCode(201);
        fill(vault);

        List<String> plans = new ArrayList<>();
        for (InventoryTable.Query query : List.of(
                new InventoryTable.Query(Set.of(vault), "", "", Optional.empty(), InventoryTable.Sort.EXPIRES, false, 0),
                new InventoryTable.Query(Set.of(vault), "", "", Optional.empty(), InventoryTable.Sort.NAME, false, 150),
                new InventoryTable.Query(Set.of(vault), "scale-0999", "", Optional.empty(), InventoryTable.Sort.NAME, false, 0),
                new InventoryTable.Query(Set.of(vault), "", "acme", Optional.of(CertificateState.HEALTHY), InventoryTable.Sort.NEXT_ACTION, true, 3))) {
            long started = System.nanoTime();
            InventoryTable.Page page = inventory.table(query);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(page.rows()).isNotEmpty();
            plans.add(query + " -> " + page.rows().size() + " rows in " + took.toMillis() + " ms\n" + explain(query));
            assertThat(took).as("a page sorted by " + query.sort()).isLessThan(Duration.ofSeconds(3));
        }
        Files.writeString(Path.of("target", "inventory-explain.txt"), String.join("\n\n", plans));
        InventoryTable.Page byName = inventory.table(new InventoryTable.Query(Set.of(vault), "", "", Optional.empty(), InventoryTable.Sort.NAME, false, 0));
        assertThat(byName.rows().getFirst().name()).isEqualTo("scale-000001");
        assertThat(byName.hasNext()).isTrue();
        var estate = inventory.estate(Set.of(vault));
        assertThat(estate.total()).isEqualTo(CERTIFICATES);
    }

    void fill(String vault) {
        QuarkusTransaction.requiringNew().run(() -> insert(vault));
    }

    private void insert(String vault) {
        entityManager.createNativeQuery("""
                insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
                select ?1, 'scale-' || lpad(i::text, 6, '0'),
                       jsonb_build_object('issuer', jsonb_build_object('name', case when i % 3 = 0 then 'Self' else 'acme' end)), now(), now(), now()
                from generate_series(1, ?2) i""").setParameter(1, vault).setParameter(2, CERTIFICATES).executeUpdate();
        entityManager.createNativeQuery("""
                insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                                 public_key, private_key_sealed, exportable, cause, created_at, updated_at)
                select c.id, md5(c.name), '\\x00', '\\x00', 'x', '1', 'CN=x', now(), now() + (c.id % 400) * interval '1 day' + interval '1 hour',
                       '\\x00', '\\x00', true, 'created', now(), now()
                from certificate c where c.vault = ?1""").setParameter(1, vault).executeUpdate();
        entityManager.createNativeQuery("""
                insert into due_action (certificate_id, version_id, kind, trigger, due_at)
                select v.certificate_id, v.id, 'AutoRenew', 'lifetime_percentage:80', v.not_after - interval '30 days'
                from certificate_version v join certificate c on c.id = v.certificate_id where c.vault = ?1""").setParameter(1, vault).executeUpdate();
        entityManager.createNativeQuery("analyze certificate, certificate_version, due_action, certificate_operation").executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private String explain(InventoryTable.Query query) {
        return QuarkusTransaction.requiringNew().call(() -> String.join("\n",
                (List<String>) inventory.tableQuery(query, "explain (analyze, buffers) ").getResultList()));
    }
}
