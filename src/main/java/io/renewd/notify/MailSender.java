package io.renewd.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/** Delivers mails through the configured SMTP server; throws when the server refuses or is down. */
@ApplicationScoped
public class MailSender {

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
        mailer.send(mail);
    }
}
