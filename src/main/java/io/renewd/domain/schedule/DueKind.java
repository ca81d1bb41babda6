package io.renewd.domain.schedule;

import io.renewd.domain.ActionType;

import java.util.Arrays;

/** What can fall due for a certificate version. */
public enum DueKind {
    EMAIL_CONTACTS("EmailContacts"),
    AUTO_RENEW("AutoRenew"),
    NOTICE("Notice"),
    EXPIRED("Expired");

    private final String wireName;

    DueKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DueKind of(ActionType type) {
        return switch (type) {
            case EMAIL_CONTACTS -> EMAIL_CONTACTS;
            case AUTO_RENEW -> AUTO_RENEW;
        };
    }

    public static DueKind fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown due kind " + name));
    }
}
