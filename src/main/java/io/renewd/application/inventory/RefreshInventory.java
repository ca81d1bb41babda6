package io.renewd.application.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Brings certificate_inventory up to date with the certificates the writers' triggers queued in
 * certificate_inventory_dirty: each transaction takes a batch of the queue (SKIP LOCKED, so replicas refresh at once),
 * recomputes those certificates' rows from the live tables and commits; a refresh that fails gives its queue rows back
 * with its rollback.
 */
@ApplicationScoped
public class RefreshInventory {

    /** Queue rows taken per transaction. */
    static final int BATCH = 5_000;
    /**
     * Takes a batch of the queue: picked once, as an array (an init plan), and deleted by the rows' physical addresses (a TID
     * scan). Joined to the queue instead (a subquery, or a materialized CTE), the batch was deleted by a nested loop that
     * scanned the whole queue for every row picked (seen: 4 and 14 s of a core for 5,000 rows in a burst of 10,000 fired
     * actions; a minute for 300,000 rows). The picked rows are locked, and queue rows are never updated: their addresses hold.
     */
    static final String TAKE = """
            delete from certificate_inventory_dirty
            where ctid = any(array(select ctid from certificate_inventory_dirty order by id limit ?1 for update skip locked))
            returning certificate_id""";
    /**
     * Set before the take: it is planned for the queue as it is now. The queue swings from empty to tens of thousands of rows
     * within seconds; a generic plan cached while it had no pages scanned all of it and compared every row with the whole
     * batch (seen: 1.5 s a batch in a bulk re-issue of 10,000). Planning each take costs a fraction of a millisecond.
     */
    static final String PLAN_FOR_THE_QUEUE_AS_IT_IS = "set local plan_cache_mode = force_custom_plan";
    /** The class of the advisory locks of certificates being refreshed (two-key locks: no other lock of renewd has two keys). */
    private static final int REFRESH_LOCK = 0x696e76;

    private final EntityManager entityManager;
    private final Clock clock;

    RefreshInventory(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Refreshes until the queue is empty (or held by other refreshers); returns how many queue rows it took. */
    public int refreshNow() {
        int total = 0;
        int taken;
        do {
            taken = refreshBatch();
            total += taken;
        } while (taken == BATCH);
        return total;
    }

    /** One batch of the queue in one transaction; returns how many queue rows it took ({@link #BATCH}: there may be more). */
    @Transactional
    @SuppressWarnings("unchecked")
    public int refreshBatch() {
        entityManager.createNativeQuery(PLAN_FOR_THE_QUEUE_AS_IT_IS).executeUpdate();
        List<Number> taken = entityManager.createNativeQuery(TAKE).setParameter(1, BATCH).getResultList();
        if (taken.isEmpty()) {
            return 0;
        }
        Long[] certificates = taken.stream().map(Number::longValue).distinct().sorted().toArray(Long[]::new);
        // Another refresher may hold later queue rows of the same certificates: whoever computes second waits for the first
        // to commit, so its next statement's snapshot sees every change the first one saw, and an older one never wins.
        entityManager.createNativeQuery("""
                        select count(*) from (select pg_advisory_xact_lock(?2, cast(id % 2147483647 as int))
                                              from (select id from unnest(cast(?1 as bigint[])) id order by id) certificates) locked""")
                .setParameter(1, certificates).setParameter(2, REFRESH_LOCK).getSingleResult();
        // A certificate purged meanwhile has no row to compute (its inventory row went with it).
        entityManager.createNativeQuery("""
                        insert into certificate_inventory (certificate_id, vault, name_lower, name, issuer, issuer_lower, deleted, current_not_after,
                                                           next_due_at, next_due_kind, next_renew_at, last_result, operation_state, refreshed_at)
                        select c.id, c.vault, lower(c.name), c.name, c.policy -> 'issuer' ->> 'name', lower(c.policy -> 'issuer' ->> 'name'),
                               c.deleted_at is not null, v.not_after, d.due_at, d.kind,
                               (select min(da.due_at) from due_action da where da.certificate_id = c.id and da.state = 'pending' and da.kind = 'AutoRenew'),
                               o.status, certificate_operation_state(o), ?2
                        from certificate c
                        left join lateral (select cv.not_after from certificate_version cv where cv.certificate_id = c.id
                                           order by cv.created_at desc, cv.id desc limit 1) v on true
                        left join lateral (select da.due_at, da.kind from due_action da where da.certificate_id = c.id and da.state = 'pending'
                                           order by da.due_at, da.id limit 1) d on true
                        left join certificate_operation o on o.certificate_id = c.id
                        where c.id = any(cast(?1 as bigint[]))
                        on conflict (certificate_id) do update set
                            vault = excluded.vault, name_lower = excluded.name_lower, name = excluded.name, issuer = excluded.issuer,
                            issuer_lower = excluded.issuer_lower, deleted = excluded.deleted, current_not_after = excluded.current_not_after,
                            next_due_at = excluded.next_due_at, next_due_kind = excluded.next_due_kind, next_renew_at = excluded.next_renew_at,
                            last_result = excluded.last_result, operation_state = excluded.operation_state, refreshed_at = excluded.refreshed_at""")
                .setParameter(1, certificates).setParameter(2, clock.instant()).executeUpdate();
        return taken.size();
    }

    /** Queue rows waiting for a refresh. */
    @Transactional
    public long backlog() {
        return ((Number) entityManager.createNativeQuery("select count(*) from certificate_inventory_dirty").getSingleResult()).longValue();
    }
}
