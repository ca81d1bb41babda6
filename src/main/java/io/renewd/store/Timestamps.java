package io.renewd.store;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps read by native queries come back as whichever type the driver chose. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
