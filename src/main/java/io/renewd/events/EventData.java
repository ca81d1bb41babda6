package io.renewd.events;

import io.renewd.domain.events.CertificateEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON data of an event: Event Grid's fields ({@code Id}, {@code VaultName},
 * {@code ObjectType}, {@code ObjectName}, {@code Version}, {@code NBF}, {@code EXP}) and renewd's.
 */
public final class EventData {

    private EventData() {
    }

    /** A certificate's address under {@code renewd.events.object-base-url}, as events and mails give it. */
    public static String certificateUrl(String objectBaseUrl, String vault, String name) {
        String base = objectBaseUrl.endsWith("/") ? objectBaseUrl.substring(0, objectBaseUrl.length() - 1) : objectBaseUrl;
        return base + "/vaults/" + vault + "/certificates/" + name;
    }

    static Map<String, Object> of(CertificateEvent event, String objectBaseUrl) {
        Map<String, Object> data = new LinkedHashMap<>();
        // A failed create has no version yet: the Id then names the certificate.
        data.put("Id", certificateUrl(objectBaseUrl, event.vault(), event.name()) + (event.version() == null ? "" : "/" + event.version()));
        data.put("VaultName", event.vault());
        data.put("ObjectType", "Certificate");
        data.put("ObjectName", event.name());
        data.put("Version", event.version());
        data.put("NBF", event.notBefore() == null ? null : event.notBefore().getEpochSecond());
        data.put("EXP", event.notAfter() == null ? null : event.notAfter().getEpochSecond());
        switch (event) {
            case CertificateEvent.NewVersionCreated e -> {
                data.put("cause", e.cause().wireName());
                data.put("issuer", e.issuer());
                data.put("x5t", e.x5t());
            }
            case CertificateEvent.NearExpiry e -> {
                data.put("action", e.action());
                data.put("trigger", e.trigger());
                data.put("daysLeft", e.daysLeft());
                data.put("late", e.late());
                data.put("issuer", e.issuer());
            }
            case CertificateEvent.RenewalFailed e -> {
                data.put("error", Map.of("code", e.errorCode(), "message", e.errorMessage()));
                data.put("attempt", e.attempt());
                data.put("nextAttempt", e.nextAttempt() == null ? null : e.nextAttempt().toString());
                data.put("personMustAct", e.personMustAct());
                data.put("issuer", e.issuer());
            }
            case CertificateEvent.Expired e -> {
                data.put("late", e.late());
                data.put("issuer", e.issuer());
            }
        }
        return data;
    }

}
