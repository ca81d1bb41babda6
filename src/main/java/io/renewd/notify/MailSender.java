package io.renewd.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers mails through the configured SMTP server; throws when the server refuses or is down.
 * A send left unanswered for {@code quarkus.mailer.timeout} is tried once more: the mail client
 * (Vert.x 4.5) drops an SMTP greeting that arrives before it listens on a new connection, and
 * then waits until the server gives up on it; a second connection gets a greeting of its own.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private final Mailer mailer;

    MailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    public void send(MailMessage message) {
        Mail mail = new Mail()
                .setTo(message.to())
                .setSubject(message.subject())
                .setText(message.text())
                .setHtml(message.html());
        try {
            mailer.send(mail);
        } catch (TimeoutException unanswered) {
            LOG.warnf("the SMTP server did not answer '%s' in time (quarkus.mailer.timeout); sending it once more", message.subject());
            mailer.send(mail);
        }
    }
}
