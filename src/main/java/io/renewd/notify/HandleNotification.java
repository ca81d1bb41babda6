package io.renewd.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.renewd.config.ConsumersConfig;
import io.renewd.config.EventsConfig;
import io.renewd.config.NotifierConfig;
import io.renewd.config.Role;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.notify.FailureEscalation;
import io.renewd.domain.notify.RenewalMailInterval;
import io.renewd.domain.schedule.DueTimes;
import io.renewd.events.ConsumedEvents;
import io.renewd.events.EventHandler;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.PgArrays;
import io.renewd.store.Timestamps;
import io.renewd.store.VaultContactEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notifier's consumer: turns an event into a mail to the vault's contacts, written to the
 * mail outbox in the transaction that remembers the event, so a redelivered event sends
 * nothing twice and an SMTP outage loses nothing. Renewal failures are escalated, not repeated
 * at every attempt.
 */
@ApplicationScoped
public class HandleNotification implements EventHandler {

    static final String CONSUMER = "notifier";
    private static final Logger LOG = Logger.getLogger(HandleNotification.class);

    private final ConsumedEvents consumed;
    private final MailFactsReader factsReader;
    private final MailComposer composer;
    private final EntityManager entityManager;
    private final NotifierConfig config;
    private final MeterRegistry registry;
    private final Event<MailQueued> queued;
    private final Clock clock;
    private final ConsumersConfig consumers;
    private final EventsConfig events;
    private final Set<String> vaultsWithoutContacts = ConcurrentHashMap.newKeySet();

    /** Mails were queued; observed after commit to send them at once. */
    public record MailQueued() {
    }

    HandleNotification(ConsumedEvents consumed, MailFactsReader factsReader, MailComposer composer, EntityManager entityManager,
                       NotifierConfig config, MeterRegistry registry, Event<MailQueued> queued, Clock clock, ConsumersConfig consumers,
                       EventsConfig events) {
        this.consumed = consumed;
        this.factsReader = factsReader;
        this.composer = composer;
        this.entityManager = entityManager;
        this.config = config;
        this.registry = registry;
        this.queued = queued;
        this.clock = clock;
        this.consumers = consumers;
        this.events = events;
    }

    @Override
    public String group() {
        return consumers.notifierGroup();
    }

    @Override
    public List<String> topics() {
        var topics = events.topics();
        return List.of(topics.nearExpiry(), topics.renewed(), topics.failed(), topics.expired());
    }

    @Override
    public Role role() {
        return Role.NOTIFIER;
    }

    @Override
    @Transactional
    public void handle(UUID eventId, CertificateEvent event) {
        Optional<MailKind> kind = MailKind.of(event);
        // A new version ends a run of failures whatever made it (also a create or an import, which are not mailed).
        boolean newVersion = event instanceof CertificateEvent.NewVersionCreated;
        if ((kind.isEmpty() && !newVersion) || !consumed.firstTime(CONSUMER, eventId)) {
            return;
        }
        Instant now = clock.instant();
        if (newVersion) {
            // Only a version the database has ends a run of failures: an event merely claiming one does not.
            factsReader.certificateId(event.vault(), event.name())
                    .filter(id -> event.version() != null && CertificateVersionEntity.findVersion(id, event.version()).isPresent())
                    .ifPresent(this::forgetFailures);
        }
        if (kind.isEmpty()) {
            return;
        }
        Optional<MailFacts> read = factsReader.read(event, kind.get());
        if (read.isEmpty()) {
            LOG.warnf("no %s mail for event %s about %s/%s: the database does not bear it out (the certificate or version is gone,"
                            + " or the event was not written by renewd)", kind.get().template(), eventId, event.vault(), event.name());
            registry.counter("renewd.mails.skipped", "kind", kind.get().template(), "reason", "not-in-database").increment();
            return;
        }
        MailFacts facts = read.get();
        Optional<Long> certificateId = factsReader.certificateId(facts.vault(), facts.name());
        if (kind.get() == MailKind.RENEWAL_FAILED && certificateId.isPresent() && !escalate(certificateId.get(), facts, now)) {
            registry.counter("renewd.mails.skipped", "kind", kind.get().template(), "reason", "escalation").increment();
            return;
        }
        if (kind.get().routineRenewal() && !new RenewalMailInterval(config.renewalMailInterval())
                .allows(lastQueued(facts.vault(), facts.name(), kind.get()), now)) {
            registry.counter("renewd.mails.skipped", "kind", kind.get().template(), "reason", "renewal-mail-interval").increment();
            return;
        }
        List<String> recipients = VaultContactEntity.ofVault(facts.vault()).stream().map(c -> c.email).toList();
        if (recipients.isEmpty()) {
            // Once per vault and process: a vault without contacts is a setting, not news at every event.
            if (vaultsWithoutContacts.add(facts.vault())) {
                LOG.infof("no mail about %s (%s): vault '%s' has no certificate contacts; further events of this vault are only counted"
                        + " (renewd_mails_skipped_total)", facts.label(), kind.get().template(), facts.vault());
            }
            registry.counter("renewd.mails.skipped", "kind", kind.get().template(), "reason", "no-contacts").increment();
            return;
        }
        MailComposer.Composed mail = composer.compose(kind.get(), facts);
        entityManager.createNativeQuery("""
                        insert into mail_outbox (event_id, kind, vault, certificate, recipients, subject, text_body, html_body, created_at, next_attempt_at)
                        values (?1, ?2, ?3, ?4, cast(?5 as text[]), ?6, ?7, ?8, ?9, ?9)""")
                .setParameter(1, eventId).setParameter(2, kind.get().template()).setParameter(3, facts.vault())
                .setParameter(4, facts.name()).setParameter(5, PgArrays.literal(recipients))
                .setParameter(6, mail.subject()).setParameter(7, mail.text()).setParameter(8, mail.html()).setParameter(9, now)
                .executeUpdate();
        queued.fire(new MailQueued());
    }

    /** Whether this failure is mailed, and if so remembers it. */
    @SuppressWarnings("unchecked")
    private boolean escalate(long certificateId, MailFacts facts, Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select last_sent_at, last_threshold from renewal_failure_notice where certificate_id = ?1 for update")
                .setParameter(1, certificateId).getResultList();
        Optional<Instant> lastSent = rows.stream().findFirst().map(r -> Timestamps.instant(r[0]));
        Optional<Integer> lastThreshold = rows.stream().findFirst().map(r -> (Integer) r[1]);
        Optional<Long> daysLeft = Optional.ofNullable(facts.notAfter()).map(exp -> DueTimes.daysLeft(now, exp));
        var decision = new FailureEscalation(config.failureMailInterval(), config.failureMailDaysLeft()).decide(lastSent, lastThreshold, daysLeft, now);
        if (decision.send()) {
            entityManager.createNativeQuery("""
                            insert into renewal_failure_notice (certificate_id, last_sent_at, last_threshold) values (?1, ?2, nullif(?3, -1))
                            on conflict (certificate_id) do update set last_sent_at = excluded.last_sent_at, last_threshold = excluded.last_threshold""")
                    .setParameter(1, certificateId).setParameter(2, now).setParameter(3, decision.threshold().orElse(-1))
                    .executeUpdate();
        }
        return decision.send();
    }

    /** When the last mail of this kind about the certificate was queued (sent or not). */
    private Optional<Instant> lastQueued(String vault, String certificate, MailKind kind) {
        Object last = entityManager.createNativeQuery("select max(created_at) from mail_outbox where vault = ?1 and certificate = ?2 and kind = ?3")
                .setParameter(1, vault).setParameter(2, certificate).setParameter(3, kind.template()).getSingleResult();
        return Optional.ofNullable(last).map(Timestamps::instant);
    }

    private void forgetFailures(long certificateId) {
        entityManager.createNativeQuery("delete from renewal_failure_notice where certificate_id = ?1").setParameter(1, certificateId).executeUpdate();
    }
}
