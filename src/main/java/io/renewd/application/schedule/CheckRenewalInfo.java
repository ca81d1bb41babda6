package io.renewd.application.schedule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.config.AcmeConfig;
import io.renewd.domain.IssuerProvider;
import io.renewd.issuer.acme.AcmeRenewalInfo;
import io.renewd.store.AcmeRenewalInfoEntity;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Asks the CA for the renewal window (RFC 9773) of every current ACME-issued version whose next
 * check has come, and moves its AutoRenew accordingly: a new window gets a new random point in
 * it, so a window the CA moved earlier (a mass revocation) moves the renewal at once. The next
 * check comes after the CA's Retry-After (bounded by {@code renewd.acme.renewal-info.*}). Rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED} and their next check pushed past the attempt,
 * so replicas never ask twice; the CA is asked outside any transaction.
 */
@ApplicationScoped
public class CheckRenewalInfo {

    /** How many versions one call checks at most. */
    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(CheckRenewalInfo.class);

    /** What one call did: how many versions it checked, whether an AutoRenew became due now (the sweep should run). */
    public record Outcome(int checked, boolean renewalDueNow) {
    }

    private record Claimed(long versionId, String vault, String issuer, String directoryUrl, String certId) {
    }

    private final AcmeRenewalInfo renewalInfo;
    private final ScheduleDueActions schedule;
    private final AcmeConfig config;
    private final EntityManager entityManager;
    private final RandomGenerator random;
    private final Clock clock;

    CheckRenewalInfo(AcmeRenewalInfo renewalInfo, ScheduleDueActions schedule, AcmeConfig config, EntityManager entityManager,
                     RandomGenerator random, Clock clock) {
        this.renewalInfo = renewalInfo;
        this.schedule = schedule;
        this.config = config;
        this.entityManager = entityManager;
        this.random = random;
        this.clock = clock;
    }

    public Outcome checkDue() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        boolean dueNow = false;
        for (Claimed version : claimed) {
            var answer = renewalInfo.fetch(version.vault(), version.issuer(), new IssuerProvider.Acme(version.directoryUrl(), null, null),
                    version.certId());
            dueNow |= QuarkusTransaction.requiringNew().call(() -> record(version.versionId(), answer));
        }
        return new Outcome(claimed.size(), dueNow);
    }

    /** Due rows of current, unexpired versions, their next check pushed past this attempt; rows of other versions end. */
    @SuppressWarnings("unchecked")
    private List<Claimed> claim() {
        Instant now = clock.instant();
        List<Number> ids = entityManager.createNativeQuery("""
                        select version_id from acme_renewal_info where next_check_at <= ?1
                        order by next_check_at limit ?2 for update skip locked""")
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Number id : ids) {
            AcmeRenewalInfoEntity row = AcmeRenewalInfoEntity.findById(id.longValue());
            CertificateVersionEntity version = CertificateVersionEntity.findById(row.versionId);
            CertificateEntity certificate = CertificateEntity.findById(row.certificateId);
            boolean current = CertificateVersionEntity.latest(certificate.id).map(v -> v.id.equals(version.id)).orElse(false);
            if (certificate.isDeleted() || !current || !now.isBefore(version.notAfter)) {
                // RFC 9773: no checks for a certificate that was replaced or has expired.
                row.delete();
                continue;
            }
            row.nextCheckAt = now.plus(config.attemptTimeout()).plus(config.renewalInfo().minRetryAfter());
            claimed.add(new Claimed(row.versionId, certificate.vault, row.issuer, row.directoryUrl, row.certId));
        }
        return claimed;
    }

    /** Stores the answer; true when the version's AutoRenew is now due (the window moved to or before now). */
    private boolean record(long versionId, AcmeRenewalInfo.Answer answer) {
        Optional<AcmeRenewalInfoEntity> found = AcmeRenewalInfoEntity.ofVersion(versionId);
        if (found.isEmpty()) {
            return false;
        }
        AcmeRenewalInfoEntity row = found.get();
        Instant now = clock.instant();
        CertificateEntity certificate = CertificateEntity.findById(row.certificateId);
        var settings = config.renewalInfo();
        return switch (answer) {
            case AcmeRenewalInfo.Suggested suggested -> {
                boolean moved = !suggested.window().start().equals(row.windowStart) || !suggested.window().end().equals(row.windowEnd);
                row.windowStart = suggested.window().start();
                row.windowEnd = suggested.window().end();
                row.explanationUrl = suggested.explanationUrl().orElse(null);
                row.checkedAt = now;
                row.lastError = null;
                row.nextCheckAt = now.plus(bounded(suggested.retryAfter().orElse(settings.defaultRetryAfter())));
                if (!moved) {
                    yield false;
                }
                row.renewAt = suggested.window().pick(random);
                LOG.infof("the CA suggests renewing %s/%s between %s and %s: AutoRenew no later than %s", certificate.vault, certificate.name,
                        row.windowStart, row.windowEnd, row.renewAt);
                schedule.reschedule(certificate);
                yield !row.renewAt.isAfter(now);
            }
            case AcmeRenewalInfo.NotOffered notOffered -> {
                // The CA offers no renewal information (any more): the policy's trigger alone decides.
                row.delete();
                schedule.reschedule(certificate);
                yield false;
            }
            case AcmeRenewalInfo.Failed failed -> {
                row.lastError = failed.why().length() > 1024 ? failed.why().substring(0, 1024) : failed.why();
                row.nextCheckAt = now.plus(settings.errorRetryAfter());
                LOG.warnf("renewal information of %s/%s: %s; asking again at %s", certificate.vault, certificate.name, failed.why(), row.nextCheckAt);
                yield false;
            }
        };
    }

    /** RFC 9773 §4.3: a client bounds the CA's Retry-After (one minute to one day by default). */
    private Duration bounded(Duration retryAfter) {
        var settings = config.renewalInfo();
        if (retryAfter.compareTo(settings.minRetryAfter()) < 0) {
            return settings.minRetryAfter();
        }
        return retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
    }
}
