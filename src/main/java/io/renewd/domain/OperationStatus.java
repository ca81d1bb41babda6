package io.renewd.domain;

import java.util.Arrays;

/** Key Vault's status of a certificate operation, with its wire spelling. */
public enum OperationStatus {
    IN_PROGRESS("inProgress"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wireName;

    OperationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OperationStatus fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation status " + name));
    }
}
