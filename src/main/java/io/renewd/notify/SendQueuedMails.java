package io.renewd.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.renewd.config.NotifierConfig;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.renewal.RetryBackoff;
import io.renewd.events.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Sends a batch of mails from the mail outbox, each in a transaction of its own: a row is locked
 * (SKIP LOCKED) while its mail is sent, so replicas share the work, and a slow SMTP server holds
 * one row for one send, never a batch past the transaction timeout. A mail the SMTP server
 * refuses stays queued and is tried again with backoff, until it is delivered.
 */
@ApplicationScoped
public class SendQueuedMails {

    private static final Logger LOG = Logger.getLogger(SendQueuedMails.class);

    private final MailSender sender;
    private final AuditTrail audit;
    private final EntityManager entityManager;
    private final NotifierConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    SendQueuedMails(MailSender sender, AuditTrail audit, EntityManager entityManager, NotifierConfig config, MeterRegistry registry, Clock clock) {
        this.sender = sender;
        this.audit = audit;
        this.entityManager = entityManager;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** Sends up to {@code renewd.notifier.batch-size} due mails; returns how many were due (sent or not). */
    public int execute() {
        int due = 0;
        while (due < config.batchSize() && sendNext()) {
            due++;
        }
        return due;
    }

    /** Sends the next due mail, if there is one, and records the outcome. */
    @Transactional
    @SuppressWarnings("unchecked")
    boolean sendNext() {
        List<Object[]> due = entityManager.createNativeQuery("""
                        select id, kind, array_to_string(recipients, E'\n'), subject, text_body, html_body, attempts, vault, certificate from mail_outbox
                        where sent_at is null and next_attempt_at <= ?1 order by next_attempt_at, id limit 1 for update skip locked""")
                .setParameter(1, clock.instant()).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] row = due.getFirst();
        long id = ((Number) row[0]).longValue();
        String kind = (String) row[1];
        List<String> recipients = Arrays.asList(((String) row[2]).split("\n"));
        int attempts = ((Number) row[6]).intValue() + 1;
        try {
            sender.send(new MailMessage(recipients, (String) row[3], (String) row[4], (String) row[5]));
            entityManager.createNativeQuery("update mail_outbox set sent_at = ?1, attempts = ?2, last_error = null where id = ?3")
                    .setParameter(1, clock.instant()).setParameter(2, attempts).setParameter(3, id).executeUpdate();
            registry.counter("renewd.mails.sent", "kind", kind).increment();
            audit.record(new AuditRecord(clock.instant(), AuditRecord.NOTIFIER, (String) row[7], (String) row[8], "sendMail",
                    AuditRecord.SUCCEEDED, null, null, kind + " to " + recipients.size() + " contact(s)"));
        } catch (RuntimeException e) {
            Instant next = clock.instant().plus(RetryBackoff.exponential(config.minRetryDelay(), attempts, config.maxRetryDelay()));
            entityManager.createNativeQuery("update mail_outbox set attempts = ?1, next_attempt_at = ?2, last_error = ?3 where id = ?4")
                    .setParameter(1, attempts).setParameter(2, next).setParameter(3, String.valueOf(e.getMessage())).setParameter(4, id)
                    .executeUpdate();
            registry.counter("renewd.mails.failed", "kind", kind).increment();
            audit.record(new AuditRecord(clock.instant(), AuditRecord.NOTIFIER, (String) row[7], (String) row[8], "sendMail",
                    AuditRecord.FAILED, null, null, kind + ", attempt " + attempts + ", next at " + next));
            LOG.warnf("mail %d (%s) could not be sent (attempt %d); next try at %s: %s", id, kind, attempts, next, e.getMessage());
        }
        return true;
    }
}
