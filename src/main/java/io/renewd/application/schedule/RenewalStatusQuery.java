package io.renewd.application.schedule;

import io.renewd.store.AcmeRenewalInfoEntity;
import io.renewd.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the {@link RenewalStatus} of a certificate's current version from its due actions. */
@ApplicationScoped
public class RenewalStatusQuery {

    private final EntityManager entityManager;
    private final Clock clock;

    RenewalStatusQuery(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public RenewalStatus of(String vault, String name) {
        Instant now = clock.instant();
        List<Object[]> current = entityManager.createNativeQuery("""
                        select v.id, v.not_after from certificate c join certificate_version v on v.certificate_id = c.id
                        where c.vault = ?1 and lower(c.name) = lower(?2) order by v.created_at desc, v.id desc limit 1""")
                .setParameter(1, vault).setParameter(2, name).getResultList();
        if (current.isEmpty()) {
            return new RenewalStatus(Optional.empty(), Optional.empty(), false, false, Optional.empty());
        }
        long versionId = ((Number) current.getFirst()[0]).longValue();
        boolean expired = !now.isBefore(Timestamps.instant(current.getFirst()[1]));
        List<Object[]> next = entityManager.createNativeQuery(
                        "select kind, trigger, due_at from due_action where version_id = ?1 and state = 'pending' order by due_at limit 1")
                .setParameter(1, versionId).getResultList();
        List<Object[]> fired = entityManager.createNativeQuery(
                        "select kind, trigger, settled_at, late from due_action where version_id = ?1 and state = 'fired' order by settled_at desc, id desc limit 1")
                .setParameter(1, versionId).getResultList();
        Optional<RenewalStatus.Next> nextAction = next.stream().findFirst()
                .map(r -> new RenewalStatus.Next((String) r[0], (String) r[1], Timestamps.instant(r[2])));
        return new RenewalStatus(nextAction,
                fired.stream().findFirst().map(r -> new RenewalStatus.Fired((String) r[0], (String) r[1], Timestamps.instant(r[2]), Boolean.TRUE.equals(r[3]))),
                nextAction.map(n -> !n.dueAt().isAfter(now)).orElse(false),
                expired,
                AcmeRenewalInfoEntity.ofVersion(versionId).map(info -> new RenewalStatus.RenewalInfo(Optional.ofNullable(info.windowStart),
                        Optional.ofNullable(info.windowEnd), Optional.ofNullable(info.explanationUrl), Optional.ofNullable(info.checkedAt),
                        info.nextCheckAt, Optional.ofNullable(info.lastError))));
    }
}
