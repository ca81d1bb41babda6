package io.renewd.application.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.Failure;
import io.renewd.events.AuditTrail;
import io.renewd.application.renewal.RenewalRequested;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.bulk.BulkStatus;
import io.renewd.domain.bulk.ReissueSelector;
import io.renewd.domain.bulk.ReissueSpread;
import io.renewd.domain.events.BulkEvent;
import io.renewd.events.EventOutbox;
import io.renewd.store.BulkReissueEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts a bulk re-issue: records it, gives each selected certificate a pending operation for
 * the renewer (through its own policy and issuer), and announces the start, all in one
 * transaction. Called by the API and by renewd itself (a CA rotation cascade passes its issuers' spread
 * and an idempotency key naming the new CA version).
 */
@ApplicationScoped
public class StartBulkReissue {

    /** Longest reason kept. */
    public static final int MAX_REASON_LENGTH = 1000;
    /** Longest spread of first attempts. */
    public static final Duration MAX_SPREAD = ReissueSpread.MAX;

    /**
     * What to re-issue and why. {@code spread}: the first attempts are spread evenly over it (zero: all at once).
     * {@code idempotencyKey}: a second request with the same key in the same vault starts nothing and returns the first.
     */
    public record Request(String vault, ReissueSelector selector, String reason, Duration spread, Optional<String> idempotencyKey,
                          String actor) {
    }

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final VaultQueries vaults;
    private final SelectCertificates select;
    private final BulkQueries queries;
    private final FinishBulkReissue finish;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final EntityManager entityManager;
    private final Event<RenewalRequested> requested;
    private final Clock clock;

    StartBulkReissue(VaultQueries vaults, SelectCertificates select, BulkQueries queries, FinishBulkReissue finish, EventOutbox outbox,
                     AuditTrail audit, ObjectMapper mapper, EntityManager entityManager, Event<RenewalRequested> requested, Clock clock) {
        this.vaults = vaults;
        this.select = select;
        this.queries = queries;
        this.finish = finish;
        this.outbox = outbox;
        this.audit = audit;
        this.mapper = mapper;
        this.entityManager = entityManager;
        this.requested = requested;
        this.clock = clock;
    }

    @Transactional
    public BulkReissueView execute(Request request) {
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
            throw Failure.badParameter("reason is required: 1 to " + MAX_REASON_LENGTH + " characters saying why the certificates are re-issued");
        }
        if (request.spread().isNegative() || request.spread().compareTo(MAX_SPREAD) > 0) {
            throw Failure.badParameter("spread must be between zero and " + MAX_SPREAD + "; it is " + request.spread());
        }
        if (request.idempotencyKey().filter(key -> key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH).isPresent()) {
            throw Failure.badParameter("an idempotency key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        vaults.get(request.vault());
        switch (request.selector()) {
            case ReissueSelector.SignedBy signedBy -> requireCa(request.vault(), signedBy.certificate(), signedBy.version());
            case ReissueSelector.CaRotation rotation -> requireCa(request.vault(), rotation.certificate(), Optional.of(rotation.previousVersion()));
            default -> {
            }
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String selectorJson = json(request.selector());
        // The key's unique constraint decides between concurrent starters: the one whose row is not inserted returns the other's.
        int inserted = entityManager.createNativeQuery("""
                        insert into bulk_reissue (id, vault, selector, reason, status, selected, requested_by, idempotency_key, created_at)
                        values (?1, ?2, cast(?3 as jsonb), ?4, ?5, 0, ?6, ?7, ?8) on conflict (vault, idempotency_key) do nothing""")
                .setParameter(1, id).setParameter(2, request.vault()).setParameter(3, selectorJson).setParameter(4, reason)
                .setParameter(5, BulkStatus.IN_PROGRESS.wireName()).setParameter(6, request.actor())
                .setParameter(7, request.idempotencyKey().orElse(null)).setParameter(8, now).executeUpdate();
        if (inserted == 0) {
            BulkReissueEntity existing = BulkReissueEntity.find("vault = ?1 and idempotencyKey = ?2", request.vault(),
                    request.idempotencyKey().orElseThrow()).firstResult();
            return queries.view(existing);
        }
        SelectCertificates.Selection selection = select.execute(id, request.vault(), request.selector(), request.spread(), now);
        BulkReissueEntity bulk = BulkReissueEntity.findById(id);
        bulk.selected = selection.selected();
        outbox.writeBulk(new BulkEvent.ReissueStarted(request.vault(), id, request.selector().describe(), reason, request.actor(), now,
                selection.selected()));
        audit.record(new AuditRecord(now, request.actor(), request.vault(), id.toString(), "bulkReissueStarted", AuditRecord.SUCCEEDED, null,
                null, selection.opened() + " operation(s) opened, " + selection.refused() + " certificate(s) refused, selector "
                + selectorJson + ", reason: " + reason));
        // Nothing to wait for (no certificate matched, or every one was refused): the bulk ends with its start.
        finish.afterOperationEnded(id);
        if (selection.opened() > 0) {
            requested.fire(new RenewalRequested(request.vault(), null));
        }
        return queries.view(bulk);
    }

    private static void requireCa(String vault, String certificate, Optional<String> version) {
        long versions = version.isPresent()
                ? CertificateVersionEntity.count("certificateId in (select c.id from CertificateEntity c where c.vault = ?1 and lower(c.name) = lower(?2)) and version = ?3",
                vault, certificate, version.get())
                : CertificateVersionEntity.count("certificateId in (select c.id from CertificateEntity c where c.vault = ?1 and lower(c.name) = lower(?2))",
                vault, certificate);
        if (versions == 0) {
            throw Failure.badParameter("selector.signedBy: vault '" + vault + "' has no certificate '" + certificate + "'"
                    + version.map(v -> " with version '" + v + "'").orElse(""));
        }
    }

    private String json(ReissueSelector selector) {
        try {
            return mapper.writeValueAsString(selector.describe());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a selector could not be written as JSON", e);
        }
    }
}
