package io.renewd.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.VersionCause;
import io.renewd.domain.events.CertificateEvent;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the JSON data of one of renewd's CloudEvents ({@link EventData}) back into its
 * {@link CertificateEvent}, once, so consumers work with the typed event. The event stays a
 * pointer: anyone able to write to the topics can send one, so handlers check what it claims
 * against the database before they act.
 */
public final class EventReader {

    /** The event has a certificate event's type but data renewd cannot read; the message says what is wrong. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event of a CloudEvent of type {@code type}; empty for types that are not certificate events (such as audit entries). */
    public Optional<CertificateEvent> read(String type, byte[] data) {
        if (!isCertificateEvent(type)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = mapper.readTree(data == null ? new byte[0] : data);
        } catch (IOException e) {
            throw new Unreadable("its data is not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new Unreadable("its data is not a JSON object");
        }
        return Optional.of(read(type, new Fields(json)));
    }

    private static boolean isCertificateEvent(String type) {
        return EventTypes.NEAR_EXPIRY.equals(type) || EventTypes.NEW_VERSION_CREATED.equals(type)
                || EventTypes.RENEWAL_FAILED.equals(type) || EventTypes.EXPIRED.equals(type);
    }

    private static CertificateEvent read(String type, Fields f) {
        String vault = f.required("VaultName");
        String name = f.required("ObjectName");
        String version = f.text("Version");
        Instant nbf = f.epochSeconds("NBF");
        Instant exp = f.epochSeconds("EXP");
        return switch (type) {
            case EventTypes.NEAR_EXPIRY -> new CertificateEvent.NearExpiry(vault, name, version, nbf, exp, f.text("action"),
                    f.text("trigger"), f.number("daysLeft", 0), f.flag("late"), f.text("issuer"));
            case EventTypes.NEW_VERSION_CREATED -> new CertificateEvent.NewVersionCreated(vault, name, version, nbf, exp,
                    cause(f.required("cause")), f.text("issuer"), f.text("x5t"));
            // A failure without its attempt number cannot be matched against the stored failure.
            case EventTypes.RENEWAL_FAILED -> new CertificateEvent.RenewalFailed(vault, name, version, nbf, exp,
                    f.text("error", "code"), f.text("error", "message"), f.attempt(),
                    f.instant("nextAttempt"), f.flag("personMustAct"), f.text("issuer"));
            case EventTypes.EXPIRED -> new CertificateEvent.Expired(vault, name, version, nbf, exp, f.flag("late"), f.text("issuer"));
            default -> throw new IllegalArgumentException("not a certificate event type: " + type);
        };
    }

    private static VersionCause cause(String wireName) {
        try {
            return VersionCause.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("'cause' is " + wireName + ", not one of renewd's");
        }
    }

    /** The members of the data object; absent and null members read as null (or 0, false), members of the wrong kind are refused. */
    private record Fields(JsonNode json) {

        String text(String... path) {
            JsonNode node = json;
            for (String member : path) {
                node = node == null ? null : node.get(member);
            }
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw new Unreadable("'" + String.join(".", path) + "' is not a string");
            }
            return node.asText();
        }

        String required(String member) {
            String value = text(member);
            if (value == null) {
                throw new Unreadable("'" + member + "' is missing");
            }
            return value;
        }

        Long optionalNumber(String member) {
            JsonNode node = json.get(member);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new Unreadable("'" + member + "' is not a whole number");
            }
            return node.asLong();
        }

        long number(String member, long absent) {
            Long value = optionalNumber(member);
            return value == null ? absent : value;
        }

        long requiredNumber(String member) {
            Long value = optionalNumber(member);
            if (value == null) {
                throw new Unreadable("'" + member + "' is missing");
            }
            return value;
        }

        int attempt() {
            long attempt = requiredNumber("attempt");
            if (attempt < 1 || attempt > Integer.MAX_VALUE) {
                throw new Unreadable("'attempt' is " + attempt + ", not a positive attempt number");
            }
            return (int) attempt;
        }

        boolean flag(String member) {
            JsonNode node = json.get(member);
            if (node == null || node.isNull()) {
                return false;
            }
            if (!node.isBoolean()) {
                throw new Unreadable("'" + member + "' is not true or false");
            }
            return node.asBoolean();
        }

        Instant epochSeconds(String member) {
            Long seconds = optionalNumber(member);
            return seconds == null ? null : Instant.ofEpochSecond(seconds);
        }

        Instant instant(String member) {
            String value = text(member);
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new Unreadable("'" + member + "' is not an ISO-8601 instant: " + value);
            }
        }
    }
}
