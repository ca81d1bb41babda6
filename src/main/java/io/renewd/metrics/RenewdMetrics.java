package io.renewd.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.renewd.config.MetricsConfig;
import io.renewd.events.OutboxRelay;
import io.renewd.store.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database, refreshed every {@code renewd.metrics.refresh-interval}:
 * each certificate's expiration and next renewal due time, the due backlog, and the outbox
 * backlog with the age of its oldest row.
 */
@ApplicationScoped
public class RenewdMetrics {

    private final EntityManager entityManager;
    private final OutboxRelay relay;
    private final MetricsConfig config;
    private final Clock clock;
    private final MultiGauge expiration;
    private final MultiGauge renewalDue;
    private final AtomicLong dueBacklog = new AtomicLong();
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxOldestAgeSeconds = new AtomicLong();
    private final AtomicLong retriesPending = new AtomicLong();
    private final AtomicLong mailsPending = new AtomicLong();

    RenewdMetrics(EntityManager entityManager, OutboxRelay relay, MetricsConfig config, Clock clock, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
        this.expiration = MultiGauge.builder("renewd.certificate.expiration.timestamp.seconds")
                .description("notAfter of each enabled certificate's current version, Unix seconds").register(registry);
        this.renewalDue = MultiGauge.builder("renewd.certificate.renewal.due.timestamp.seconds")
                .description("when the next AutoRenew or EmailContacts action of each certificate falls due, Unix seconds").register(registry);
        registry.gauge("renewd.due.backlog", Tags.empty(), dueBacklog);
        registry.gauge("renewd.outbox.pending.rows", Tags.empty(), outboxPending);
        registry.gauge("renewd.outbox.oldest.age.seconds", Tags.empty(), outboxOldestAgeSeconds);
        Gauge.builder("renewd.renewals.retries.pending", retriesPending, AtomicLong::get)
                .description("pending operations with an issuer that failed at least once and will be tried again").register(registry);
        Gauge.builder("renewd.mails.pending", mailsPending, AtomicLong::get)
                .description("mails waiting in the mail outbox (new, or retried after an SMTP failure)").register(registry);
    }

    @Scheduled(every = "${renewd.metrics.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    @SuppressWarnings("unchecked")
    public void refresh() {
        Instant now = clock.instant();
        dueBacklog.set(((Number) entityManager.createNativeQuery(
                "select count(*) from due_action where state = 'pending' and due_at <= ?1").setParameter(1, now).getSingleResult()).longValue());
        var backlog = relay.backlog();
        outboxPending.set(backlog.rows());
        outboxOldestAgeSeconds.set(backlog.oldest() == null ? 0 : Math.max(0, Duration.between(backlog.oldest(), now).toSeconds()));
        retriesPending.set(((Number) entityManager.createNativeQuery("""
                select count(*) from certificate_operation where status = 'inProgress' and attempts > 0 and next_attempt_at is not null""")
                .getSingleResult()).longValue());
        mailsPending.set(((Number) entityManager.createNativeQuery("select count(*) from mail_outbox where sent_at is null")
                .getSingleResult()).longValue());
        if (!config.perCertificate()) {
            return;
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select c.vault, c.name, v.not_after,
                               (select min(d.due_at) from due_action d where d.version_id = v.id and d.state = 'pending'
                                  and d.kind in ('AutoRenew', 'EmailContacts'))
                        from certificate c
                        join lateral (select id, not_after, enabled from certificate_version
                                      where certificate_id = c.id order by created_at desc, id desc limit 1) v on true
                        where c.deleted_at is null and v.enabled""").getResultList();
        expiration.register(rows.stream().map(r -> MultiGauge.Row.of(tags(r), Timestamps.instant(r[2]).getEpochSecond())).toList(), true);
        renewalDue.register(rows.stream().filter(r -> r[3] != null).map(r -> MultiGauge.Row.of(tags(r), Timestamps.instant(r[3]).getEpochSecond())).toList(), true);
    }

    private static Tags tags(Object[] row) {
        return Tags.of("vault", (String) row[0], "name", (String) row[1]);
    }
}
