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
import io.renewd.store.DueActionRows;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
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

    /** A version a caller has just written: current for its certificate, with no renewal window from a CA yet. */
    public record Written(CertificateEntity certificate, CertificateVersionEntity version) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reschedule(CertificateEntity certificate) {
        Optional<CertificateVersionEntity> current = certificate.isDeleted() ? Optional.empty() : CertificateVersionEntity.latest(certificate.id);
        reschedule(List.of(new Plan(certificate, current, current.flatMap(version -> renewAt(version.id)))));
    }

    /**
     * The same for versions the caller has just written: neither the current version nor a renewal window is read again,
     * and all of them take one flush and two statements (a chunk of renewals writes many at once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescheduleWritten(List<Written> written) {
        if (!written.isEmpty()) {
            reschedule(written.stream().map(w -> new Plan(w.certificate(), Optional.of(w.version()), Optional.empty())).toList());
        }
    }

    private record Plan(CertificateEntity certificate, Optional<CertificateVersionEntity> current, Optional<Instant> renewAt) {
    }

    private void reschedule(List<Plan> plans) {
        // Written by JDBC (DueActionRows): what the caller changed through Hibernate must be in the database first.
        entityManager.flush();
        List<DueActionRows.Pending> pending = new ArrayList<>();
        for (Plan plan : plans) {
            if (plan.certificate().isDeleted() || plan.current().isEmpty() || !plan.current().get().enabled) {
                continue;
            }
            CertificateVersionEntity version = plan.current().get();
            CertificatePolicy policy = policyJson.read(plan.certificate().policy);
            for (DueAction action : RenewalInfoDueTimes.apply(
                    DueTimes.of(version.version, version.notBefore, version.notAfter, policy.lifetimeActions(), settings), plan.renewAt())) {
                pending.add(new DueActionRows.Pending(plan.certificate().id, version.id, action.kind().wireName(), action.trigger(),
                        action.dueAt()));
            }
        }
        DueActionRows.replacePending(plans.stream().map(plan -> plan.certificate().id).toList(), pending);
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
