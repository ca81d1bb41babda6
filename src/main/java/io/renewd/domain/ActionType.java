package io.renewd.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a lifetime action does when it falls due. */
public enum ActionType {
    EMAIL_CONTACTS("EmailContacts"),
    AUTO_RENEW("AutoRenew");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Key Vault clients differ in case ("AutoRenew", "autoRenew"); the name is matched ignoring it. */
    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
