package io.renewd.application.inventory;

import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.inventory.CertificateState;
import io.renewd.domain.inventory.ExpiryTimeline;
import io.renewd.store.PgArrays;
import io.renewd.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the web inventory shows of the certificates of some vaults (the caller passes only those the person may see):
 * counts by state, the expiry timeline, the table, a certificate's due actions and audit entries.
 */
@ApplicationScoped
public class InventoryQueries {

    /**
     * Live certificates of some vaults with what the table shows of them, from certificate_inventory (kept by
     * {@link RefreshInventory}, up to a refresh interval behind), and their {@link CertificateState}: expired by the time
     * of the query, else the operation's part, else healthy. The columns keep the inventory's names, so a sort orders the
     * page's rows by the same names it orders the inventory by.
     */
    private static final String CERTIFICATES = """
            select i.certificate_id, i.vault, i.name, i.name_lower, i.issuer, i.issuer_lower, i.current_not_after, i.next_due_kind,
                   i.next_due_at, i.last_result,
                   case when i.current_not_after <= :now then 'expired' else coalesce(i.operation_state, 'healthy') end as state
            from certificate_inventory i
            where not i.deleted and i.vault = any(cast(:vaults as text[]))""";

    private final EntityManager entityManager;
    private final Clock clock;

    InventoryQueries(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Counts by state (every state, zero included) and the expiry timeline from now. */
    public record Estate(Map<CertificateState, Long> counts, ExpiryTimeline timeline) {

        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Estate estate(Set<String> vaults) {
        Instant now = clock.instant();
        Map<CertificateState, Long> counts = new EnumMap<>(CertificateState.class);
        for (CertificateState state : CertificateState.values()) {
            counts.put(state, 0L);
        }
        List<Object[]> byState = bind(entityManager.createNativeQuery("select r.state, count(*) from (" + CERTIFICATES + ") r group by r.state"),
                vaults, now).getResultList();
        byState.forEach(r -> counts.put(CertificateState.fromKey((String) r[0]).orElseThrow(), ((Number) r[1]).longValue()));
        // Buckets as ExpiryTimeline.index computes them: whole weeks since now.
        List<Object[]> expiring = bind(entityManager.createNativeQuery("""
                        select floor(extract(epoch from (r.current_not_after - :now)) / :width)::int as bucket, count(*) from (""" + CERTIFICATES + """
                        ) r where r.current_not_after >= :now and r.current_not_after < :end group by bucket"""), vaults, now)
                .setParameter("width", ExpiryTimeline.WIDTH.toSeconds()).setParameter("end", now.plus(ExpiryTimeline.HORIZON)).getResultList();
        List<Object[]> due = bind(entityManager.createNativeQuery("""
                        select floor(extract(epoch from (i.next_renew_at - :now)) / :width)::int as bucket, count(*)
                        from certificate_inventory i
                        where not i.deleted and i.vault = any(cast(:vaults as text[])) and i.next_renew_at >= :now and i.next_renew_at < :end
                        group by bucket"""), vaults, now)
                .setParameter("width", ExpiryTimeline.WIDTH.toSeconds()).setParameter("end", now.plus(ExpiryTimeline.HORIZON)).getResultList();
        return new Estate(counts, ExpiryTimeline.of(now, byBucket(expiring), byBucket(due)));
    }

    /** One page of the table: one query, at most {@link InventoryTable#PAGE_SIZE} + 1 rows read. */
    @Transactional
    @SuppressWarnings("unchecked")
    public InventoryTable.Page table(InventoryTable.Query query) {
        List<Object[]> rows = tableQuery(query, "").getResultList();
        List<InventoryTable.Row> page = rows.stream().limit(InventoryTable.PAGE_SIZE).map(r -> new InventoryTable.Row((String) r[0], (String) r[1],
                (String) r[2], r[3] == null ? null : Timestamps.instant(r[3]), (Boolean) r[4], CertificateState.fromKey((String) r[9]).orElseThrow(),
                (String) r[7], r[8] == null ? null : Timestamps.instant(r[8]), (String) r[5], (String) r[6])).toList();
        boolean lastPage = query.page() >= InventoryTable.MAX_PAGES - 1;
        return new InventoryTable.Page(page, query.page(), rows.size() > InventoryTable.PAGE_SIZE && !lastPage);
    }

    /**
     * The table's query, after {@code prefix} (a test asks PostgreSQL to {@code explain} it): the page's certificates in
     * the order of one of the inventory's indexes (descending is that order reversed, nulls first), then the current
     * version's enabled flag and the operation's outcome and error, live, for those rows only.
     */
    Query tableQuery(InventoryTable.Query query, String prefix) {
        StringBuilder sql = new StringBuilder(prefix).append("select p.vault, p.name, p.issuer, p.current_not_after, v.enabled, o.status, o.error_code, ")
                .append("p.next_due_kind, p.next_due_at, p.state from (").append(CERTIFICATES);
        if (!query.nameContains().isEmpty()) {
            sql.append(" and strpos(i.name_lower, lower(:contains)) > 0");
        }
        if (!query.issuer().isEmpty()) {
            sql.append(" and i.issuer_lower = lower(:issuer)");
        }
        query.state().ifPresent(state -> sql.append(switch (state) {
            case EXPIRED -> " and i.current_not_after <= :now";
            case HEALTHY -> " and (i.current_not_after is null or i.current_not_after > :now) and i.operation_state is null";
            default -> " and (i.current_not_after is null or i.current_not_after > :now) and i.operation_state = :state";
        }));
        sql.append(" order by ").append(order(query.sort(), query.descending(), "i")).append(" limit :limit offset :offset) p")
                .append(" left join certificate_operation o on o.certificate_id = p.certificate_id")
                .append(" left join lateral (select cv.enabled from certificate_version cv where cv.certificate_id = p.certificate_id")
                .append(" order by cv.created_at desc, cv.id desc limit 1) v on true")
                .append(" order by ").append(order(query.sort(), query.descending(), "p"));
        Query native_ = bind(entityManager.createNativeQuery(sql.toString()), query.vaults(), clock.instant())
                .setParameter("limit", InventoryTable.PAGE_SIZE + 1).setParameter("offset", query.page() * InventoryTable.PAGE_SIZE);
        if (!query.nameContains().isEmpty()) {
            native_.setParameter("contains", query.nameContains());
        }
        if (!query.issuer().isEmpty()) {
            native_.setParameter("issuer", query.issuer());
        }
        query.state().filter(state -> state != CertificateState.EXPIRED && state != CertificateState.HEALTHY)
                .ifPresent(state -> native_.setParameter("state", state.key()));
        return native_;
    }

    /** The sort's columns, ties in vault and name order, as its index has them ({@code i}: the inventory; {@code p}: the page). */
    private static String order(InventoryTable.Sort sort, boolean descending, String alias) {
        List<String> columns = switch (sort) {
            case VAULT -> List.of("vault", "name_lower");
            case NAME -> List.of("name_lower", "vault");
            case ISSUER -> List.of("issuer_lower", "vault", "name_lower");
            case EXPIRES -> List.of("current_not_after", "vault", "name_lower");
            case NEXT_ACTION -> List.of("next_due_at", "vault", "name_lower");
            case LAST_RESULT -> List.of("last_result", "vault", "name_lower");
        };
        String direction = descending ? " desc nulls first" : " asc nulls last";
        return String.join(", ", columns.stream().map(c -> alias + "." + c + direction).toList());
    }

    /** The state of one certificate now, from the live tables (its page shows it as it is), or empty when it is absent or deleted. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<CertificateState> state(String vault, String name) {
        List<String> rows = entityManager.createNativeQuery("""
                        select case when v.not_after <= :now then 'expired' else coalesce(certificate_operation_state(o), 'healthy') end
                        from certificate c
                        left join lateral (select cv.not_after from certificate_version cv where cv.certificate_id = c.id
                                           order by cv.created_at desc, cv.id desc limit 1) v on true
                        left join certificate_operation o on o.certificate_id = c.id
                        where c.vault = :vault and lower(c.name) = lower(:name) and c.deleted_at is null""")
                .setParameter("vault", vault).setParameter("name", name).setParameter("now", clock.instant()).getResultList();
        return rows.stream().findFirst().flatMap(CertificateState::fromKey);
    }

    /** A due action of a certificate's current version. */
    public record Due(String kind, String trigger, Instant dueAt, String state, Instant settledAt) {
    }

    /** Every due action of the certificate's current version, in due order. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Due> dueActions(String vault, String name) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select da.kind, da.trigger, da.due_at, da.state, da.settled_at from due_action da
                        where da.version_id = (select cv.id from certificate c join certificate_version cv on cv.certificate_id = c.id
                                               where c.vault = :vault and lower(c.name) = lower(:name) and c.deleted_at is null
                                               order by cv.created_at desc, cv.id desc limit 1)
                        order by da.due_at, da.id""").setParameter("vault", vault).setParameter("name", name).getResultList();
        return rows.stream().map(r -> new Due((String) r[0], (String) r[1], Timestamps.instant(r[2]), (String) r[3],
                r[4] == null ? null : Timestamps.instant(r[4]))).toList();
    }

    /**
     * The certificate's latest audit entries, newest first, of this vault (not of an earlier vault of the same name);
     * only renewd's renewer's (its renewal attempts) when {@code renewerOnly}.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<AuditRecord> audit(String vault, String name, boolean renewerOnly, int limit) {
        Query query = entityManager.createNativeQuery("""
                        select at, principal, vault, object, operation, outcome, status, request_id, details from audit_entry
                        where vault = :vault and lower(object) = lower(:name) and vault_incarnation = (select incarnation from vault where name = :vault)
                        """ + (renewerOnly ? " and principal = :renewer" : "") + " order by at desc, id desc limit :limit")
                .setParameter("vault", vault).setParameter("name", name).setParameter("limit", limit);
        if (renewerOnly) {
            query.setParameter("renewer", AuditRecord.RENEWER);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new AuditRecord(Timestamps.instant(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], r[6] == null ? null : ((Number) r[6]).intValue(), (String) r[7], (String) r[8])).toList();
    }

    private Query bind(Query query, Set<String> vaults, Instant now) {
        return query.setParameter("vaults", PgArrays.literal(List.copyOf(vaults))).setParameter("now", now);
    }

    private static Map<Integer, Long> byBucket(List<Object[]> rows) {
        Map<Integer, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue()));
        return counts;
    }
}
