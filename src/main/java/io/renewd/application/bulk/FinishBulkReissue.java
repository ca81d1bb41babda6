package io.renewd.application.bulk;

import io.renewd.events.AuditTrail;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.bulk.BulkCounts;
import io.renewd.domain.bulk.BulkStatus;
import io.renewd.domain.events.BulkEvent;
import io.renewd.events.EventOutbox;
import io.renewd.store.BulkReissueEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ends a bulk re-issue when none of its operations is in progress any more: status completed
 * (or cancelled, when cancelling was asked for) and the {@code ReissueEnded} event, exactly once.
 * Called in the transaction that ended an operation, after that change. While others are still in
 * progress (nearly always) it only looks, without the bulk's row lock, so the workers and replicas
 * recording a bulk's thousands of operations do not take turns on one row. When none seems left, the
 * bulk's row lock makes those ending its last operations at once take turns, and the last one counts
 * everyone's committed outcomes (read committed: each count sees what committed before the lock was
 * granted). Two that end the last two at the same moment may each still see the other in progress:
 * the renewer's next look for due work ends such a bulk ({@link #finishSettled()}).
 */
@ApplicationScoped
public class FinishBulkReissue {

    private final EntityManager entityManager;
    private final BulkQueries queries;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    FinishBulkReissue(EntityManager entityManager, BulkQueries queries, EventOutbox outbox, AuditTrail audit, Clock clock) {
        this.entityManager = entityManager;
        this.queries = queries;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** After an operation of bulk {@code id} ended (or left it); does nothing for null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterOperationEnded(UUID id) {
        if (id == null) {
            return;
        }
        entityManager.flush();
        if (!entityManager.createNativeQuery("select 1 from certificate_operation where bulk_id = ?1 and status = 'inProgress' limit 1")
                .setParameter(1, id).getResultList().isEmpty()) {
            return;
        }
        finish(id);
    }

    /** Ends every bulk re-issue in progress whose operations have all ended; how many it ended. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int finishSettled() {
        List<UUID> settled = entityManager.createNativeQuery("""
                        select b.id from bulk_reissue b where b.status = 'inProgress'
                        and not exists (select 1 from certificate_operation o where o.bulk_id = b.id and o.status = 'inProgress')""", UUID.class)
                .getResultList();
        settled.forEach(this::finish);
        return settled.size();
    }

    private void finish(UUID id) {
        BulkReissueEntity bulk = entityManager.find(BulkReissueEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (bulk == null) {
            return;
        }
        entityManager.refresh(bulk);
        if (bulk.status() != BulkStatus.IN_PROGRESS) {
            return;
        }
        BulkCounts counts = queries.liveCounts(bulk);
        if (counts.inProgress() > 0) {
            return;
        }
        Instant now = clock.instant();
        // Written down now: each certificate's next renewal reuses its operation row.
        entityManager.createNativeQuery("""
                        insert into bulk_reissue_failure (bulk_id, certificate, code, message)
                        select o.bulk_id, c.name, coalesce(o.error_code, 'Failed'), coalesce(o.error_message, o.status_details, 'failed')
                        from certificate_operation o join certificate c on c.id = o.certificate_id
                        where o.bulk_id = ?1 and o.status = 'failed'""")
                .setParameter(1, bulk.id).executeUpdate();
        bulk.status(bulk.cancelRequested ? BulkStatus.CANCELLED : BulkStatus.COMPLETED);
        bulk.endedAt = now;
        bulk.done = counts.done();
        bulk.failed = counts.failed();
        bulk.cancelled = counts.cancelled();
        outbox.writeBulk(new BulkEvent.ReissueEnded(bulk.vault, bulk.id, bulk.status, now, counts));
        audit.record(new AuditRecord(now, AuditRecord.RENEWER, bulk.vault, bulk.id.toString(), "bulkReissueEnded", AuditRecord.SUCCEEDED,
                null, null, bulk.status + ": " + counts.done() + " done, " + counts.failed() + " failed, " + counts.cancelled()
                + " cancelled of " + counts.selected() + " selected"));
    }
}
