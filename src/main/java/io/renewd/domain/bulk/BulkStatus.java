package io.renewd.domain.bulk;

import java.util.Arrays;

/** Where a bulk re-issue stands; the wire name is what the API, the events and the database say. */
public enum BulkStatus {
    IN_PROGRESS("inProgress"), COMPLETED("completed"), CANCELLED("cancelled");

    private final String wireName;

    BulkStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static BulkStatus fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bulk status '" + name + "'"));
    }
}
