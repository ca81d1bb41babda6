package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.VersionCause;
import io.renewd.domain.events.CertificateEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events are read back into exactly what was written; data renewd did not write is refused, saying what is wrong. */
class EventReaderTest {

    private static final Instant NBF = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXP = Instant.parse("2026-07-01T00:00:00Z");
    private static final String BASE = "https://renewd.example";

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventReader reader = new EventReader(mapper);

    static Stream<CertificateEvent> events() {
        return Stream.of(
                new CertificateEvent.NewVersionCreated("team-a", "web", "0123456789abcdef0123456789abcdef", NBF, EXP, VersionCause.RENEWED, "Self", "x5tValue"),
                new CertificateEvent.NearExpiry("team-a", "web", "0123456789abcdef0123456789abcdef", NBF, EXP, "AutoRenew", "lifetime_percentage:80", 36, true, "ca-1"),
                new CertificateEvent.NearExpiry("team-a", "web", "v1", NBF, EXP, "Notice", "days_before_expiry:7", 7, false, null),
                new CertificateEvent.RenewalFailed("team-a", "web", null, null, null, "IssuerNotFound", "issuer 'x' does not exist", 3,
                        Instant.parse("2026-03-01T10:15:30.123Z"), true, "x"),
                new CertificateEvent.RenewalFailed("team-a", "web", "v1", NBF, EXP, "Timeout", "no answer", 1, null, false, "acme"),
                new CertificateEvent.Expired("team-a", "web", "v1", NBF, EXP, true, "Self"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void readsBackWhatWasWritten(CertificateEvent event) throws Exception {
        byte[] data = mapper.writeValueAsBytes(EventData.of(event, BASE));

        assertThat(reader.read(EventTypes.type(event), data)).contains(event);
    }

    @Test
    void otherEventTypesAreNotCertificateEvents() {
        assertThat(reader.read(EventTypes.AUDIT, "{\"operation\":\"get\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(reader.read("com.example.Other", "not even JSON".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of(EventTypes.EXPIRED, "not json", "not JSON"),
                Arguments.of(EventTypes.EXPIRED, "[1,2]", "not a JSON object"),
                Arguments.of(EventTypes.EXPIRED, "", "not a JSON object"),
                Arguments.of(EventTypes.EXPIRED, "{\"ObjectName\":\"web\"}", "'VaultName' is missing"),
                Arguments.of(EventTypes.EXPIRED, "{\"VaultName\":\"a\"}", "'ObjectName' is missing"),
                Arguments.of(EventTypes.EXPIRED, "{\"VaultName\":{\"x\":1},\"ObjectName\":\"web\"}", "'VaultName' is not a string"),
                Arguments.of(EventTypes.EXPIRED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"EXP\":\"soon\"}", "'EXP' is not a whole number"),
                Arguments.of(EventTypes.EXPIRED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"late\":\"yes\"}", "'late' is not true or false"),
                Arguments.of(EventTypes.NEW_VERSION_CREATED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\"}", "'cause' is missing"),
                Arguments.of(EventTypes.NEW_VERSION_CREATED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"cause\":\"stolen\"}", "'cause' is stolen"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\"}", "'attempt' is missing"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"attempt\":0}", "not a positive attempt"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"attempt\":99999999999}", "not a positive attempt"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"attempt\":1.5}", "'attempt' is not a whole number"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"attempt\":1,\"nextAttempt\":\"tomorrow\"}",
                        "'nextAttempt' is not an ISO-8601 instant"),
                Arguments.of(EventTypes.RENEWAL_FAILED, "{\"VaultName\":\"a\",\"ObjectName\":\"web\",\"attempt\":1,\"error\":{\"code\":7}}",
                        "'error.code' is not a string"));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void refusesDataItDidNotWrite(String type, String data, String why) {
        assertThatThrownBy(() -> reader.read(type, data.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventReader.Unreadable.class)
                .hasMessageContaining(why);
    }

    @Test
    void absentDetailsReadAsNothingNotAsRefusal() {
        // A near-expiry event is a pointer: vault and name suffice, the handler checks the rest against the database.
        var event = reader.read(EventTypes.NEAR_EXPIRY, "{\"VaultName\":\"a\",\"ObjectName\":\"web\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(event).contains(new CertificateEvent.NearExpiry("a", "web", null, null, null, null, null, 0, false, null));
    }
}
