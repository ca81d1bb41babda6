package io.renewd.notify;

import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.util.List;

/**
 * What a mail says about a certificate: taken from the event and from the version it names.
 * Nullable members are absent for some kinds (a failed create has no version).
 */
@TemplateData
public record MailFacts(String vault, String name, String version, String subject, List<String> sans, Instant notBefore,
                        Instant notAfter, Long daysLeft, boolean late, String issuer, String thumbprint, String trigger,
                        String errorCode, String errorMessage, Integer attempt, Instant nextAttempt, boolean personMustAct,
                        String certificateUrl) {

    public MailFacts {
        sans = sans == null ? List.of() : List.copyOf(sans);
    }

    /** The certificate as people call it: vault/name. */
    public String label() {
        return vault + "/" + name;
    }
}
