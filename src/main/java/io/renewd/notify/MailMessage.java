package io.renewd.notify;

import java.util.List;
import java.util.Objects;

/** A mail to send: recipients, subject, and the same content as plain text and HTML. */
public record MailMessage(List<String> to, String subject, String text, String html) {

    public MailMessage {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }
}
