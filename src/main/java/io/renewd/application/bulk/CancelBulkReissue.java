package io.renewd.application.bulk;

import io.renewd.application.Failure;
import io.renewd.events.AuditTrail;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.bulk.BulkStatus;
import io.renewd.store.BulkReissueEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Cancels what a bulk re-issue has not yet taken to a CA: operations no renewer holds end
 * cancelled at once; one a renewer is working on gets the operation's own cancellation flag and
 * stops before its next step reaches the CA (an attempt already at the CA finishes).
 */
@ApplicationScoped
public class CancelBulkReissue {

    private final BulkQueries queries;
    private final FinishBulkReissue finish;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final Clock clock;

    CancelBulkReissue(BulkQueries queries, FinishBulkReissue finish, AuditTrail audit, EntityManager entityManager, Clock clock) {
        this.queries = queries;
        this.finish = finish;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public BulkReissueView execute(String vault, String id, String actor) {
        BulkReissueEntity bulk = queries.entity(vault, id);
        if (bulk.status() != BulkStatus.IN_PROGRESS) {
            throw Failure.badParameter("bulk re-issue '" + id + "' is " + bulk.status + ", not inProgress: there is nothing to cancel");
        }
        Instant now = clock.instant();
        // Operation rows first, the bulk's row after: the renewer locks in that order too, so the two never wait on each other.
        // Not leased (or its renewer's lease ran out): no renewer is between the database and the CA with it.
        int cancelled = entityManager.createNativeQuery("""
                        update certificate_operation set status = 'cancelled', status_details = 'cancelled with its bulk re-issue',
                            cancellation_requested = true, next_attempt_at = null, private_key_sealed = null, updated_at = ?2
                        where bulk_id = ?1 and status = 'inProgress' and (lease_until is null or lease_until < ?2)""")
                .setParameter(1, bulk.id).setParameter(2, now).executeUpdate();
        int flagged = entityManager.createNativeQuery("""
                        update certificate_operation set cancellation_requested = true, updated_at = ?2
                        where bulk_id = ?1 and status = 'inProgress'""")
                .setParameter(1, bulk.id).setParameter(2, now).executeUpdate();
        entityManager.lock(bulk, LockModeType.PESSIMISTIC_WRITE);
        entityManager.refresh(bulk);
        if (bulk.status() != BulkStatus.IN_PROGRESS) {
            throw Failure.badParameter("bulk re-issue '" + id + "' is " + bulk.status + ", not inProgress: there is nothing to cancel");
        }
        bulk.cancelRequested = true;
        audit.record(new AuditRecord(now, actor, vault, bulk.id.toString(), "bulkReissueCancelled", AuditRecord.SUCCEEDED, null, null,
                cancelled + " operation(s) cancelled, " + flagged + " being worked on stop before their next step reaches the CA"));
        finish.afterOperationEnded(bulk.id);
        return queries.view(BulkReissueEntity.findById(bulk.id));
    }
}
