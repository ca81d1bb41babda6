package io.renewd.notify;

import io.renewd.domain.events.CertificateEvent;

import java.util.Optional;

/** The mails renewd sends to a vault's contacts; each has a plain-text and an HTML template under {@code templates/mail/}. */
public enum MailKind {
    /** EmailContacts fell due: a person renews (download the CSR, have it signed, merge). */
    MANUAL_RENEWAL("manual-renewal"),
    /** AutoRenew fell due: renewd is about to renew. */
    AUTO_RENEWAL("auto-renewal"),
    /** A near-expiry notice (30, 15, 7 days by default). */
    NEAR_EXPIRY("near-expiry"),
    /** A new version was issued by renewal or merged. */
    RENEWED("renewed"),
    /** An attempt to obtain a certificate failed (escalated: see FailureEscalation). */
    RENEWAL_FAILED("renewal-failed"),
    /** The current version expired. */
    EXPIRED("expired");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }

    /** News of a renewal going as planned: held to {@code renewd.notifier.renewal-mail-interval} per certificate. */
    public boolean routineRenewal() {
        return switch (this) {
            case AUTO_RENEWAL, RENEWED -> true;
            case MANUAL_RENEWAL, NEAR_EXPIRY, RENEWAL_FAILED, EXPIRED -> false;
        };
    }

    /** The mail an event calls for, if any (created and imported versions are not mailed about). */
    public static Optional<MailKind> of(CertificateEvent event) {
        return switch (event) {
            case CertificateEvent.NearExpiry due -> switch (String.valueOf(due.action())) {
                case "EmailContacts" -> Optional.of(MANUAL_RENEWAL);
                case "AutoRenew" -> Optional.of(AUTO_RENEWAL);
                default -> Optional.of(NEAR_EXPIRY);
            };
            case CertificateEvent.NewVersionCreated created -> switch (created.cause()) {
                case RENEWED, MERGED -> Optional.of(RENEWED);
                case CREATED, IMPORTED, RESTORED -> Optional.empty();
            };
            case CertificateEvent.RenewalFailed failed -> Optional.of(RENEWAL_FAILED);
            case CertificateEvent.Expired expired -> Optional.of(EXPIRED);
        };
    }
}
