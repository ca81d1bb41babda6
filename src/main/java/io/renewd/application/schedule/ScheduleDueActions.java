package io.renewd.application.schedule;

import io.renewd.config.SchedulerConfig;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.schedule.DueAction;
import io.renewd.domain.schedule.DueKind;
import io.renewd.domain.schedule.DueTimes;
import io.renewd.domain.schedule.NoticeLifetimeRule;
import io.renewd.domain.schedule.RenewalInfoDueTimes;
import io.renewd.domain.schedule.ScheduleSettings;
import io.renewd.store.AcmeRenewalInfoEntity;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a certificate's due actions in step with what it is now: computed for its current
 * version when a version or the policy is written, cancelled for anything older, and none at
 * all while the certificate is disabled or deleted. An action that already fired for a version
 * never fires again for it. Where the CA suggests a renewal window (ARI), AutoRenew comes at the
 * point picked in it when that is earlier than the policy's trigger.
 */
@ApplicationScoped
public class ScheduleDueActions {

    private final PolicyJson policyJson;
    private final ScheduleSettings settings;
    private final EntityManager entityManager;

    ScheduleDueActions(PolicyJson policyJson, SchedulerConfig config, EntityManager entityManager) {
        this.policyJson = policyJson;
        this.settings = new ScheduleSettings(config.notices(), new NoticeLifetimeRule(config.noticeLifetimeFactor()), config.autoRenewJitter());
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reschedule(CertificateEntity certificate) {
        Optional<CertificateVersionEntity> current = certificate.isDeleted() ? Optional.empty() : CertificateVersionEntity.latest(certificate.id);
        reschedule(certificate, current, current.flatMap(version -> renewAt(version.id)));
    }

    /**
     * The same for a version the caller has just written: it is the current one and the CA has suggested no renewal window for
     * it yet, so neither is read again (a renewal burst writes thousands).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescheduleWritten(CertificateEntity certificate, CertificateVersionEntity written) {
        reschedule(certificate, Optional.of(written), Optional.empty());
    }

    private void reschedule(CertificateEntity certificate, Optional<CertificateVersionEntity> current, Optional<Instant> renewAt) {
        entityManager.flush();
        entityManager.createNativeQuery("update due_action set state = 'cancelled', settled_at = now() "
                        + "where certificate_id = ?1 and state = 'pending'")
                .setParameter(1, certificate.id).executeUpdate();
        if (certificate.isDeleted()) {
            return;
        }
        if (current.isEmpty() || !current.get().enabled) {
            return;
        }
        CertificateVersionEntity version = current.get();
        CertificatePolicy policy = policyJson.read(certificate.policy);
        List<DueAction> due = RenewalInfoDueTimes.apply(
                DueTimes.of(version.version, version.notBefore, version.notAfter, policy.lifetimeActions(), settings), renewAt);
        if (due.isEmpty()) {
            return;
        }
        // One statement for all of the version's actions.
        entityManager.createNativeQuery("""
                        insert into due_action (certificate_id, version_id, kind, trigger, due_at, state)
                        select ?1, ?2, u.kind, u.trigger, u.due_at, 'pending'
                        from unnest(cast(?3 as text[]), cast(?4 as text[]), cast(?5 as timestamptz[])) as u(kind, trigger, due_at)
                        on conflict (version_id, kind, trigger) do update
                          set due_at = excluded.due_at, state = 'pending', settled_at = null
                          where due_action.state in ('pending', 'cancelled')""")
                .setParameter(1, certificate.id)
                .setParameter(2, version.id)
                .setParameter(3, due.stream().map(action -> action.kind().wireName()).toArray(String[]::new))
                .setParameter(4, due.stream().map(DueAction::trigger).toArray(String[]::new))
                .setParameter(5, due.stream().map(action -> OffsetDateTime.ofInstant(action.dueAt(), ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
                .executeUpdate();
    }

    /** The point picked in the CA's renewal window, unless this version's AutoRenew already fired (it renews once). */
    private Optional<Instant> renewAt(long versionId) {
        Optional<Instant> renewAt = AcmeRenewalInfoEntity.ofVersion(versionId).map(info -> info.renewAt);
        if (renewAt.isEmpty()) {
            return renewAt;
        }
        Number fired = (Number) entityManager.createNativeQuery(
                        "select count(*) from due_action where version_id = ?1 and kind = ?2 and state = 'fired'")
                .setParameter(1, versionId).setParameter(2, DueKind.AUTO_RENEW.wireName()).getSingleResult();
        return fired.longValue() == 0 ? renewAt : Optional.empty();
    }
}
