package io.renewd.notify;

import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Renders a mail of a kind from its Qute templates ({@code templates/mail/<kind>.txt} and {@code .html}). */
@ApplicationScoped
public class MailComposer {

    /** A rendered mail, without recipients. */
    public record Composed(String subject, String text, String html) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Engine engine;

    MailComposer(Engine engine) {
        this.engine = engine;
    }

    public Composed compose(MailKind kind, MailFacts facts) {
        Map<String, Object> data = Map.of(
                "c", facts,
                "notAfter", facts.notAfter() == null ? "" : WHEN.format(facts.notAfter()),
                "nextAttempt", facts.nextAttempt() == null ? "" : WHEN.format(facts.nextAttempt()));
        String text = engine.getTemplate("mail/" + kind.template() + ".txt").data(data).render();
        String html = engine.getTemplate("mail/" + kind.template() + ".html").data(data).render();
        // The first line of the text template is the subject.
        int newline = text.indexOf('\n');
        return new Composed(text.substring(0, newline).strip(), text.substring(newline + 1).strip() + "\n", html);
    }
}
