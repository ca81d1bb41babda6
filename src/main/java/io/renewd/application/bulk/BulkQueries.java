package io.renewd.application.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.Failure;
import io.renewd.application.certificates.Page;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.bulk.BulkCounts;
import io.renewd.store.BulkReissueEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads bulk re-issues; their progress is counted from the operations that carry their id. */
@ApplicationScoped
public class BulkQueries {

    /** Failures listed in a view; the counts cover every certificate. */
    static final int MAX_FAILURES_LISTED = 1000;

    /** Most bulk re-issues on one page of the list, as for certificates. */
    public static final int MAX_PAGE_SIZE = 25;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final VaultQueries vaults;

    BulkQueries(EntityManager entityManager, ObjectMapper mapper, VaultQueries vaults) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.vaults = vaults;
    }

    /** A page of the vault's bulk re-issues, newest first, without their failures (read one bulk for those). */
    @Transactional
    public Page<BulkReissueView> list(String vault, int size, int offset) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Failure.badParameter("maxresults " + size + " is out of range: 1 to " + MAX_PAGE_SIZE);
        }
        vaults.get(vault);
        List<BulkReissueEntity> rows = BulkReissueEntity.<BulkReissueEntity>find("vault = ?1 order by createdAt desc, id desc", vault)
                .range(offset, offset + size).list();
        List<BulkReissueView> views = rows.stream().limit(size).map(bulk -> new BulkReissueView(bulk.id, bulk.vault, bulk.status(),
                bulk.reason, selector(bulk.selector), bulk.createdAt, Optional.ofNullable(bulk.endedAt), counts(bulk), List.of())).toList();
        return new Page<>(views, rows.size() > size ? Optional.of(String.valueOf(offset + size)) : Optional.empty());
    }

    @Transactional
    public BulkReissueView get(String vault, String id) {
        return view(entity(vault, id));
    }

    /** The bulk re-issue {@code id} of {@code vault}; one of another vault is not found, as one that does not exist. */
    BulkReissueEntity entity(String vault, String id) {
        Optional<UUID> uuid = parse(id);
        BulkReissueEntity bulk = uuid.map(u -> BulkReissueEntity.<BulkReissueEntity>findById(u)).orElse(null);
        if (bulk == null || !bulk.vault.equals(vault)) {
            throw Failure.notFound("BulkReissueNotFound", "vault '" + vault + "' has no bulk re-issue '" + id + "'");
        }
        return bulk;
    }

    BulkReissueView view(BulkReissueEntity bulk) {
        return new BulkReissueView(bulk.id, bulk.vault, bulk.status(), bulk.reason, selector(bulk.selector), bulk.createdAt,
                Optional.ofNullable(bulk.endedAt), counts(bulk), failures(bulk));
    }

    /** The outcome written down at the end, or, before, counted from the operations that carry the bulk's id. */
    BulkCounts counts(BulkReissueEntity bulk) {
        if (bulk.endedAt != null) {
            return new BulkCounts(bulk.selected, bulk.done, bulk.failed, 0, bulk.cancelled);
        }
        return liveCounts(bulk);
    }

    BulkCounts liveCounts(BulkReissueEntity bulk) {
        entityManager.flush();
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        select count(*) filter (where status = 'completed'), count(*) filter (where status = 'failed'),
                               count(*) filter (where status = 'inProgress'), count(*) filter (where status = 'cancelled'),
                               (select count(*) from bulk_reissue_failure where bulk_id = ?1)
                        from certificate_operation where bulk_id = ?1""")
                .setParameter(1, bulk.id).getSingleResult();
        return new BulkCounts(bulk.selected, number(row[0]), number(row[1]) + number(row[4]), number(row[2]), number(row[3]));
    }

    @SuppressWarnings("unchecked")
    private List<BulkReissueView.CertificateFailure> failures(BulkReissueEntity bulk) {
        // Once ended, the failed operations were written down with the refusals.
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select name, code, message from (
                            select c.name, o.error_code as code, coalesce(o.error_message, o.status_details) as message
                            from certificate_operation o join certificate c on c.id = o.certificate_id
                            where o.bulk_id = ?1 and o.status = 'failed' and not ?3
                            union all
                            select certificate, code, message from bulk_reissue_failure where bulk_id = ?1) f
                        order by name limit ?2""")
                .setParameter(1, bulk.id).setParameter(2, MAX_FAILURES_LISTED).setParameter(3, bulk.endedAt != null).getResultList();
        return rows.stream().map(r -> new BulkReissueView.CertificateFailure((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    private Map<String, Object> selector(String json) {
        try {
            return mapper.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored bulk selector is not readable JSON", e);
        }
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
