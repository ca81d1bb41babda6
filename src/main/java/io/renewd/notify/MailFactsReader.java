package io.renewd.notify;

import io.renewd.application.certificates.Certificates;
import io.renewd.config.EventsConfig;
import io.renewd.domain.CertificateFacts;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.events.EventData;
import io.renewd.events.ReceivedEvent;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a mail says about the certificate an event names: the event's data, and subject and SANs from the version. */
@ApplicationScoped
public class MailFactsReader {

    private static final Logger LOG = Logger.getLogger(MailFactsReader.class);

    private final EventsConfig events;

    MailFactsReader(EventsConfig events) {
        this.events = events;
    }

    public MailFacts read(ReceivedEvent event) {
        String vault = event.text("VaultName");
        String name = event.text("ObjectName");
        String version = event.text("Version");
        Optional<CertificateFacts> facts = certificateId(vault, name).flatMap(id -> version == null ? Optional.empty()
                : CertificateVersionEntity.findVersion(id, version)).flatMap(v -> facts(vault, name, v.der));
        return new MailFacts(vault, name, version, facts.map(CertificateFacts::subject).orElse(null),
                facts.map(f -> names(f.sans())).orElse(List.of()), seconds(event, "NBF"), seconds(event, "EXP"),
                number(event, "daysLeft"), "true".equals(event.text("late")), event.text("issuer"), event.text("x5t"), event.text("trigger"),
                event.data().path("error").path("code").asText(null), event.data().path("error").path("message").asText(null),
                Optional.ofNullable(number(event, "attempt")).map(Long::intValue).orElse(null),
                Optional.ofNullable(event.text("nextAttempt")).map(Instant::parse).orElse(null),
                "true".equals(event.text("personMustAct")), EventData.certificateUrl(events.objectBaseUrl(), vault, name));
    }

    /**
     * Subject and SANs of a stored certificate. One renewd cannot read (an odd imported
     * certificate) still gets its mail, without them: a mail must never be held up by its details.
     */
    private static Optional<CertificateFacts> facts(String vault, String name, byte[] der) {
        try {
            return Optional.of(CertificateFactsReader.read(Certificates.fromDer(der)));
        } catch (RuntimeException e) {
            LOG.warnf("the mail about %s/%s goes without subject and names: the certificate could not be read (%s)", vault, name, e.getMessage());
            return Optional.empty();
        }
    }

    public Optional<Long> certificateId(String vault, String name) {
        return CertificateEntity.findByName(vault, name).map(c -> c.id);
    }

    private static List<String> names(SubjectAlternativeNames sans) {
        List<String> names = new ArrayList<>(sans.dnsNames());
        names.addAll(sans.ipAddresses());
        names.addAll(sans.emails());
        names.addAll(sans.upns());
        return names;
    }

    private static Instant seconds(ReceivedEvent event, String field) {
        Long value = number(event, field);
        return value == null ? null : Instant.ofEpochSecond(value);
    }

    private static Long number(ReceivedEvent event, String field) {
        var node = event.data().get(field);
        return node == null || node.isNull() ? null : node.asLong();
    }
}
