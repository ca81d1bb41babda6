package io.renewd.application.renewal;

import io.renewd.config.AcmeConfig;
import io.renewd.config.RenewerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Leases the pending operations whose next attempt is due, so that exactly one renewer works on each: rows are locked
 * with SKIP LOCKED while the lease is written, and a lease that ran out (its renewer crashed) can be taken over.
 * <p>
 * What it leases is fair and within every issuer's limits, counted in the database so they hold across replicas:
 * operations are taken round-robin over (vault, issuer), so one vault's ten thousand renewals or one slow CA
 * do not fill a batch; a named issuer never has more operations leased than its {@code max_concurrent} (absent: the
 * deployment's {@code renewd.renewer.issuer-max-concurrent}, except for a {@code ca} issuer, which signs in the process as
 * Self does and is bounded only by the renewer's own concurrency), nor more new
 * orders in the last hour than its {@code max_orders_per_hour}; a paused issuer's operations wait. All ACME issuers
 * together never have more than {@code renewd.acme.max-concurrent} operations leased: attempts at stalled CAs of
 * several vaults cannot take every worker from Self and ca renewals.
 */
@ApplicationScoped
public class ClaimOperations {

    /**
     * One leased operation: only the holder of {@code owner} may record its outcome. {@code waitsOnCa}: its issuer is a CA
     * renewd talks to over the network (ACME, or a provider renewd has no adapter for), not one that answers at once
     * (Self, {@code ca}): such attempts are worked one by one, the others in chunks.
     */
    public record Claim(long certificateId, String requestId, UUID owner, boolean waitsOnCa) {
    }

    /**
     * Claims of all replicas take turns (a transaction-scoped advisory lock): the per-issuer counts each one reads must
     * include the leases the one before it wrote. A claim is one short query, so the turn is brief.
     */
    private static final long CLAIM_LOCK = 0x72656e6577645fL;

    private static final Duration ORDER_WINDOW = Duration.ofHours(1);

    private final EntityManager entityManager;
    private final RenewerConfig config;
    private final AcmeConfig acme;
    private final Clock clock;

    ClaimOperations(EntityManager entityManager, RenewerConfig config, AcmeConfig acme, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.acme = acme;
        this.clock = clock;
    }

    /** Claims up to {@code renewd.renewer.batch-size} operations. */
    public List<Claim> execute() {
        return execute(config.batchSize());
    }

    /** Claims up to {@code max} operations. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Claim> execute(int max) {
        Instant now = clock.instant();
        Instant at = now;
        Instant hourAgo = now.minus(ORDER_WINDOW);
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) turn")
                .setParameter(1, CLAIM_LOCK).getSingleResult();
        List<Object[]> due = entityManager.createNativeQuery("""
                        with leased as (
                            select c.vault, o.issuer_name, count(*) as n from certificate_operation o
                            join certificate c on c.id = o.certificate_id
                            where o.status = 'inProgress' and o.lease_until >= ?1
                            group by c.vault, o.issuer_name
                        ), started as (
                            select vault, issuer_name, count(*) as n from issuer_order_start where started_at > ?2
                            group by vault, issuer_name
                        ), due as (
                            -- narrow rows, byte-wise partitions: this sorts every due operation, so it must stay cheap
                            select o.certificate_id, c.vault, o.issuer_name, o.next_attempt_at, o.issuer_state is null as new_order,
                                   row_number() over (partition by c.vault collate "C", o.issuer_name collate "C" order by o.next_attempt_at) as turn
                            from certificate_operation o
                            join certificate c on c.id = o.certificate_id
                            where o.status = 'inProgress' and o.next_attempt_at <= ?1 and (o.lease_until is null or o.lease_until < ?1)
                        ), acme_leased as (
                            select count(*) as n from certificate_operation o
                            join certificate c on c.id = o.certificate_id
                            join certificate_issuer i on i.vault = c.vault and i.name = o.issuer_name
                            where o.status = 'inProgress' and o.lease_until >= ?1 and lower(i.provider) <> 'ca'
                        ), eligible as (
                            select d.certificate_id, d.turn, d.next_attempt_at, i.name is not null and lower(i.provider) <> 'ca' as acme
                            from due d
                            left join certificate_issuer i on i.vault = d.vault and i.name = d.issuer_name
                            left join leased l on l.vault = d.vault and l.issuer_name = d.issuer_name
                            left join started s on s.vault = d.vault and s.issuer_name = d.issuer_name
                            where d.turn <= ?4 and (i.paused_until is null or i.paused_until <= ?1)
                              -- the deployment's default bounds issuers renewd calls over the network; a ca issuer signs
                              -- in the process, as Self does, and only its own max_concurrent bounds it
                              and (i.name is null or (i.max_concurrent is null and lower(i.provider) = 'ca')
                                   or d.turn <= coalesce(i.max_concurrent, ?3) - coalesce(l.n, 0))
                              and (not d.new_order or i.max_orders_per_hour is null or d.turn <= i.max_orders_per_hour - coalesce(s.n, 0))
                        ), chosen as (
                            -- ACME attempts wait on CAs: all of them together stay under renewd.acme.max-concurrent
                            select e.certificate_id from (
                                select e.*, row_number() over (partition by e.acme order by e.turn, e.next_attempt_at) as acme_turn from eligible e
                            ) e
                            where not e.acme or e.acme_turn <= ?5 - (select n from acme_leased)
                            order by e.turn, e.next_attempt_at limit ?4
                        )
                        select o.certificate_id, o.request_id, c.vault, o.issuer_name,
                               o.issuer_state is null and i.max_orders_per_hour is not null as counted,
                               i.name is not null and lower(i.provider) <> 'ca' as waits_on_ca
                        from certificate_operation o
                        join certificate c on c.id = o.certificate_id
                        left join certificate_issuer i on i.vault = c.vault and i.name = o.issuer_name
                        where o.certificate_id in (select certificate_id from chosen)
                          and o.status = 'inProgress' and (o.lease_until is null or o.lease_until < ?1)
                        for update of o skip locked""")
                .setParameter(1, at).setParameter(2, hourAgo).setParameter(3, config.issuerMaxConcurrent()).setParameter(4, max)
                .setParameter(5, acme.maxConcurrent()).getResultList();
        entityManager.createNativeQuery("delete from issuer_order_start where started_at <= ?1").setParameter(1, hourAgo).executeUpdate();
        if (due.isEmpty()) {
            return List.of();
        }
        UUID owner = UUID.randomUUID();
        List<Long> ids = due.stream().map(row -> ((Number) row[0]).longValue()).toList();
        entityManager.createNativeQuery("update certificate_operation set lease_owner = ?1, lease_until = ?2 where certificate_id in (?3)")
                .setParameter(1, owner).setParameter(2, now.plus(config.lease())).setParameter(3, ids).executeUpdate();
        for (Object[] row : due) {
            if ((Boolean) row[4]) {
                entityManager.createNativeQuery("insert into issuer_order_start (vault, issuer_name, started_at) values (?1, ?2, ?3)")
                        .setParameter(1, row[2]).setParameter(2, row[3]).setParameter(3, at).executeUpdate();
            }
        }
        return due.stream().map(row -> new Claim(((Number) row[0]).longValue(), (String) row[1], owner, (Boolean) row[5])).toList();
    }

    /**
     * How long until the next operation falls due that is not due yet (a parked order's next check, a retry), if any. Ones
     * due already but not claimed (their issuer at its limit) are left to the next finished attempt or poll.
     */
    @Transactional
    public Optional<Duration> untilNextDue() {
        Object next = entityManager.createNativeQuery("""
                        select min(next_attempt_at) from certificate_operation
                        where next_attempt_at > ?1 and status = 'inProgress' and (lease_until is null or lease_until < ?1)""")
                .setParameter(1, clock.instant()).getSingleResult();
        return Optional.ofNullable(next).map(at -> Duration.between(clock.instant(), toInstant(at)));
    }

    private static Instant toInstant(Object at) {
        return switch (at) {
            case Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + at.getClass());
        };
    }

    /** Gives back an operation claimed but not started (the renewer is stopping), so another renewer need not wait for the lease. */
    @Transactional
    public void release(Claim claim) {
        entityManager.createNativeQuery("update certificate_operation set lease_owner = null, lease_until = null where certificate_id = ?1 and lease_owner = ?2")
                .setParameter(1, claim.certificateId()).setParameter(2, claim.owner()).executeUpdate();
    }
}
