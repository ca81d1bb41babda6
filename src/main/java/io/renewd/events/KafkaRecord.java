package io.renewd.events;

import java.util.Map;
import java.util.Objects;

/**
 * One record as it goes on the wire: topic, key (keeps one certificate's events in order),
 * headers (CloudEvents binary mode puts its attributes there) and the JSON payload.
 */
public record KafkaRecord(String topic, String key, Map<String, String> headers, String payload) {

    public KafkaRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(payload, "payload");
    }
}
