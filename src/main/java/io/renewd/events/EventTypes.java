package io.renewd.events;

import io.renewd.config.EventsConfig;
import io.renewd.domain.events.BulkEvent;
import io.renewd.domain.events.CertificateEvent;

/** The CloudEvents type and Kafka topic of each event (DESIGN §4). */
public final class EventTypes {

    public static final String NEAR_EXPIRY = "io.renewd.certificate.NearExpiry";
    public static final String NEW_VERSION_CREATED = "io.renewd.certificate.NewVersionCreated";
    public static final String RENEWAL_FAILED = "io.renewd.certificate.RenewalFailed";
    public static final String EXPIRED = "io.renewd.certificate.Expired";
    public static final String AUDIT = "io.renewd.audit.Entry";
    public static final String REISSUE_STARTED = "io.renewd.bulk.ReissueStarted";
    public static final String REISSUE_ENDED = "io.renewd.bulk.ReissueEnded";

    private EventTypes() {
    }

    static String type(CertificateEvent event) {
        return switch (event) {
            case CertificateEvent.NearExpiry e -> NEAR_EXPIRY;
            case CertificateEvent.NewVersionCreated e -> NEW_VERSION_CREATED;
            case CertificateEvent.RenewalFailed e -> RENEWAL_FAILED;
            case CertificateEvent.Expired e -> EXPIRED;
        };
    }

    static String type(BulkEvent event) {
        return switch (event) {
            case BulkEvent.ReissueStarted e -> REISSUE_STARTED;
            case BulkEvent.ReissueEnded e -> REISSUE_ENDED;
        };
    }

    static String topic(CertificateEvent event, EventsConfig.Topics topics) {
        return switch (event) {
            case CertificateEvent.NearExpiry e -> topics.nearExpiry();
            case CertificateEvent.NewVersionCreated e -> topics.renewed();
            case CertificateEvent.RenewalFailed e -> topics.failed();
            case CertificateEvent.Expired e -> topics.expired();
        };
    }
}
