package io.renewd.notify;

import io.renewd.config.EventsConfig;
import io.renewd.domain.CertificateFacts;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.domain.VersionCause;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.schedule.DueKind;
import io.renewd.domain.schedule.DueTimes;
import io.renewd.events.EventData;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateOperationEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.Certificates;
import io.renewd.store.FiredActions;
import io.renewd.store.PolicyJson;
import io.renewd.store.StoredPolicyUnreadable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a mail says about the certificate an event names, read from the database: the event
 * only points (vault, name, version, which action or attempt). Nothing a mail says comes from
 * the event, and an event the database does not bear out (the action did not fire, no such
 * failure was recorded, the version is unknown) gets no mail: anyone able to write to the
 * topics could otherwise send the vault's contacts text of their choosing.
 */
@ApplicationScoped
public class MailFactsReader {

    private static final Logger LOG = Logger.getLogger(MailFactsReader.class);

    private final EventsConfig events;
    private final FiredActions firedActions;
    private final PolicyJson policyJson;
    private final Clock clock;

    MailFactsReader(EventsConfig events, FiredActions firedActions, PolicyJson policyJson, Clock clock) {
        this.events = events;
        this.firedActions = firedActions;
        this.policyJson = policyJson;
        this.clock = clock;
    }

    /** The facts of a {@code kind} mail about what the event points at; empty when the database does not bear the event out. */
    public Optional<MailFacts> read(CertificateEvent event, MailKind kind) {
        String vault = event.vault();
        String name = event.name();
        String version = event.version();
        Optional<CertificateEntity> certificate = CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted());
        if (certificate.isEmpty()) {
            return Optional.empty();
        }
        Optional<CertificateVersionEntity> stored = version == null ? Optional.empty() : CertificateVersionEntity.findVersion(certificate.get().id, version);
        // Only a failed create has no version; any other event names one the database must know.
        if (stored.isEmpty() && (version != null || kind != MailKind.RENEWAL_FAILED)) {
            return Optional.empty();
        }
        var about = new About(vault, name, stored, issuerName(certificate.get(), event),
                EventData.certificateUrl(events.objectBaseUrl(), vault, name));
        return switch (kind) {
            case MANUAL_RENEWAL -> fired(about, DueKind.EMAIL_CONTACTS, trigger(event));
            case AUTO_RENEWAL -> fired(about, DueKind.AUTO_RENEW, trigger(event));
            case NEAR_EXPIRY -> fired(about, DueKind.NOTICE, trigger(event));
            case EXPIRED -> firedActions.find(vault, name, about.version(), DueKind.EXPIRED, null)
                    .map(f -> about.facts(null, null, f.late(), null, null, null, null, null, false));
            case RENEWED -> stored.filter(v -> VersionCause.RENEWED.wireName().equals(v.cause) || VersionCause.MERGED.wireName().equals(v.cause))
                    .map(v -> about.facts(null, null, false, v.x5t, null, null, null, null, false));
            case RENEWAL_FAILED -> event instanceof CertificateEvent.RenewalFailed failure
                    ? failed(about, certificate.get(), failure.attempt()) : Optional.empty();
        };
    }

    /**
     * The issuer the mail names: a stored policy that can no longer be read must not keep the mail from going out (its renewal's
     * failure is what the contacts most need to hear about), so the failure's issuer stands in, else the JSON's.
     */
    private String issuerName(CertificateEntity certificate, CertificateEvent event) {
        try {
            return policyJson.read(certificate.policy).issuer().name();
        } catch (StoredPolicyUnreadable e) {
            if (event instanceof CertificateEvent.RenewalFailed failure && failure.issuer() != null) {
                return failure.issuer();
            }
            return policyJson.issuerName(certificate.policy).orElse(IssuerReference.UNKNOWN);
        }
    }

    /** A due action's mail: only when the sweep fired that action for that version. */
    private Optional<MailFacts> fired(About about, DueKind kind, String trigger) {
        return firedActions.find(about.vault(), about.name(), about.version(), kind, trigger)
                .map(f -> about.facts(DueTimes.daysLeft(clock.instant(), about.stored().orElseThrow().notAfter), f.trigger(), f.late(), null,
                        null, null, null, null, false));
    }

    /** A failure's mail: only when the operation holds a failure at least as far as the event's attempt; its text is the stored one. */
    private Optional<MailFacts> failed(About about, CertificateEntity certificate, int attempt) {
        CertificateOperationEntity operation = CertificateOperationEntity.findById(certificate.id);
        if (operation == null || operation.errorCode == null || operation.attempts < attempt) {
            return Optional.empty();
        }
        return Optional.of(about.issuedBy(operation.issuerName).facts(null, null, false, null,
                operation.errorCode, operation.errorMessage, operation.attempts, operation.nextAttemptAt, operation.personMustAct));
    }

    public Optional<Long> certificateId(String vault, String name) {
        return CertificateEntity.findByName(vault, name).map(c -> c.id);
    }

    /** The certificate and version an event names, as stored. */
    private record About(String vault, String name, Optional<CertificateVersionEntity> stored, String issuer, String certificateUrl) {

        String version() {
            return stored.map(v -> v.version.trim()).orElse(null);
        }

        About issuedBy(String otherIssuer) {
            return new About(vault, name, stored, otherIssuer, certificateUrl);
        }

        MailFacts facts(Long daysLeft, String trigger, boolean late, String thumbprint, String errorCode, String errorMessage,
                        Integer attempt, Instant nextAttempt, boolean personMustAct) {
            Optional<CertificateFacts> facts = stored.flatMap(v -> MailFactsReader.facts(vault, name, v.der));
            return new MailFacts(vault, name, version(), facts.map(CertificateFacts::subject).orElse(null),
                    facts.map(f -> names(f.sans())).orElse(List.of()), stored.map(v -> v.notBefore).orElse(null),
                    stored.map(v -> v.notAfter).orElse(null), daysLeft, late, issuer, thumbprint, trigger, errorCode, errorMessage,
                    attempt, nextAttempt, personMustAct, certificateUrl);
        }
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

    private static List<String> names(SubjectAlternativeNames sans) {
        List<String> names = new ArrayList<>(sans.dnsNames());
        names.addAll(sans.ipAddresses());
        names.addAll(sans.emails());
        names.addAll(sans.upns());
        return names;
    }

    /** The lifetime action or notice a near-expiry event names; the sweep's record of it decides. */
    private static String trigger(CertificateEvent event) {
        return event instanceof CertificateEvent.NearExpiry due ? due.trigger() : null;
    }
}
