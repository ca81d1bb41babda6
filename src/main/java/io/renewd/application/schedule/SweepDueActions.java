package io.renewd.application.schedule;

import io.renewd.config.SchedulerConfig;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.schedule.DueAction;
import io.renewd.domain.schedule.DueKind;
import io.renewd.domain.schedule.DueTimes;
import io.renewd.domain.schedule.Lateness;
import io.renewd.domain.schedule.OverdueNotices;
import io.renewd.events.AuditTrail;
import io.renewd.events.EventOutbox;
import io.renewd.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires what is due: reads only due rows ({@code due_at <= now}, never the inventory), claims
 * their versions with {@code FOR UPDATE SKIP LOCKED} so any number of replicas sweep at once
 * and each action fires exactly once, marks them fired (or skipped, for older overdue notices)
 * and writes their events to the outbox, all in one transaction.
 */
@ApplicationScoped
public class SweepDueActions {

    /** A claimed due row with what its event needs. */
    private record Claimed(long id, long versionId, DueAction action, String vault, String name, String version,
                           Instant notBefore, Instant notAfter, String issuer) {
    }

    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final SchedulerConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    SweepDueActions(EventOutbox outbox, AuditTrail audit, SchedulerConfig config, EntityManager entityManager, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Fires what is due for one batch of versions; returns how many versions it claimed (fewer
     * than the batch size: nothing more is due, or other sweepers hold the rest).
     */
    @Transactional
    public int sweepBatch() {
        Instant now = clock.instant();
        List<Long> versions = claimVersions(now);
        if (versions.isEmpty()) {
            return 0;
        }
        Map<Long, List<Claimed>> byVersion = new LinkedHashMap<>();
        dueRows(versions, now).forEach(c -> byVersion.computeIfAbsent(c.versionId(), v -> new ArrayList<>()).add(c));
        List<Long> firedOnTime = new ArrayList<>();
        List<Long> firedLate = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        List<CertificateEvent> events = new ArrayList<>();
        List<AuditRecord> fired = new ArrayList<>();
        for (List<Claimed> ofVersion : byVersion.values()) {
            var selection = OverdueNotices.select(ofVersion.stream().map(Claimed::action).toList());
            for (Claimed c : ofVersion) {
                if (selection.fire().contains(c.action())) {
                    boolean late = Lateness.isLate(c.action().dueAt(), now, config.lateAfter());
                    (late ? firedLate : firedOnTime).add(c.id());
                    events.add(event(c, now, late));
                    fired.add(new AuditRecord(now, AuditRecord.SWEEP, c.vault(), c.name(), "fireLifetimeAction", AuditRecord.SUCCEEDED, null, null,
                            c.action().kind().wireName() + " " + c.action().trigger() + (late ? " (late)" : "")));
                } else {
                    skipped.add(c.id());
                }
            }
        }
        // One statement per outcome, and one for all the events.
        outbox.writeAll(events);
        audit.recordFirings(fired);
        settle(firedOnTime, "fired", false, now);
        settle(firedLate, "fired", true, now);
        settle(skipped, "skipped", false, now);
        return versions.size();
    }

    /**
     * Versions with something due, locked (SKIP LOCKED) so each is swept by one sweeper with
     * all its due rows: the rule "only the latest overdue notice fires" needs the whole group.
     * The candidates are the earliest due of several batches, and a batch is locked among them
     * (the limit counts locked rows): a sweeper running alongside another takes the next batch
     * instead of finding the first one locked and nothing to do.
     */
    @SuppressWarnings("unchecked")
    private List<Long> claimVersions(Instant now) {
        List<Number> locked = entityManager.createNativeQuery("""
                        select v.id from certificate_version v
                        where v.id in (select d.version_id from due_action d
                                       where d.state = 'pending' and d.due_at <= ?1
                                       group by d.version_id order by min(d.due_at) limit ?3)
                        order by v.id limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, config.batchSize())
                .setParameter(3, config.batchSize() * (config.sweepers() + 1)).getResultList();
        return locked.stream().map(Number::longValue).toList();
    }

    /**
     * The due rows of locked versions, read after the lock so rows another sweeper settled meanwhile are left out. Driven
     * from the versions' keys (one array): with a list of 1,000 parameters, the plan PostgreSQL cached for the statement
     * walked every due row by due time and compared each with the whole list (110 ms a batch; 7 ms from the keys).
     */
    @SuppressWarnings("unchecked")
    private List<Claimed> dueRows(List<Long> versions, Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select d.id, d.version_id, d.kind, d.trigger, d.due_at, c.vault, c.name, v.version, v.not_before, v.not_after,
                               c.policy -> 'issuer' ->> 'name'
                        from certificate_version v
                        join certificate c on c.id = v.certificate_id
                        join due_action d on d.version_id = v.id
                        where v.id = any(cast(?1 as bigint[])) and d.state = 'pending' and d.due_at <= ?2
                        order by d.version_id, d.due_at""")
                .setParameter(1, versions.toArray(Long[]::new))
                .setParameter(2, now)
                .getResultList();
        return rows.stream().map(r -> new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                new DueAction(DueKind.fromWireName((String) r[2]), (String) r[3], Timestamps.instant(r[4])),
                (String) r[5], (String) r[6], ((String) r[7]).trim(), Timestamps.instant(r[8]), Timestamps.instant(r[9]), (String) r[10])).toList();
    }

    private void settle(List<Long> ids, String state, boolean late, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("update due_action set state = ?1, late = ?2, settled_at = ?3 where id = any(cast(?4 as bigint[]))")
                .setParameter(1, state).setParameter(2, late).setParameter(3, now).setParameter(4, ids.toArray(Long[]::new)).executeUpdate();
    }

    private static CertificateEvent event(Claimed c, Instant now, boolean late) {
        return switch (c.action().kind()) {
            case EXPIRED -> new CertificateEvent.Expired(c.vault(), c.name(), c.version(), c.notBefore(), c.notAfter(), late, c.issuer());
            case EMAIL_CONTACTS, AUTO_RENEW, NOTICE -> new CertificateEvent.NearExpiry(c.vault(), c.name(), c.version(), c.notBefore(),
                    c.notAfter(), c.action().kind().wireName(), c.action().trigger(), DueTimes.daysLeft(now, c.notAfter()), late, c.issuer());
        };
    }
}
