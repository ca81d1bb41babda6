package io.renewd.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** A CloudEvent read from one of renewd's topics: its id, type and JSON data. */
public record ReceivedEvent(UUID id, String type, String topic, JsonNode data) {

    public String text(String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
