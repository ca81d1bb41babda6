package io.renewd.store;

import java.time.Instant;
import java.util.UUID;

/** An unpublished outbox row, as the relay reads it (read by JDBC: no managed entity to check at commit). */
public record OutboxRow(UUID id, String aggregatetype, String aggregateid, String type, Instant timestamp, String payload) {
}
