package io.renewd.domain.events;

import io.renewd.domain.bulk.BulkCounts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What renewd tells the world about a bulk re-issue: its start and its end (each certificate's outcome has its own event). */
public sealed interface BulkEvent {

    String vault();

    UUID id();

    /** A bulk re-issue chose its certificates and opened their operations. */
    record ReissueStarted(String vault, UUID id, Map<String, Object> selector, String reason, String requestedBy, Instant created,
                          int selected) implements BulkEvent {
    }

    /** The last operation of a bulk re-issue ended: {@code status} is completed or cancelled. */
    record ReissueEnded(String vault, UUID id, String status, Instant ended, BulkCounts counts) implements BulkEvent {
    }
}
