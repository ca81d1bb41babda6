package io.renewd.domain.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReissueSelectorsTest {

    private static final ReissueSelectors.Draft NONE = new ReissueSelectors.Draft(null, null, null, null, null);

    /** A draft with one member set from a table cell: {@code member=value}, lists split on commas. */
    private static ReissueSelectors.Draft draft(String member, String value) {
        List<String> list = value == null ? null : Arrays.stream(value.split(",", -1)).map(v -> v.equals("~") ? null : v).toList();
        return switch (member) {
            case "issuer" -> new ReissueSelectors.Draft(value, null, null, null, null);
            case "signedBy" -> {
                String[] parts = value.split("@", -1);
                yield new ReissueSelectors.Draft(null, new ReissueSelectors.SignedByDraft(parts[0].isEmpty() ? null : parts[0],
                        parts.length > 1 ? parts[1] : null), null, null, null);
            }
            case "serialNumbers" -> new ReissueSelectors.Draft(null, null, value.isEmpty() ? List.of() : list, null, null);
            case "thumbprints" -> new ReissueSelectors.Draft(null, null, null, value.isEmpty() ? List.of() : list, null);
            case "expiringBefore" -> new ReissueSelectors.Draft(null, null, null, null, value);
            default -> throw new IllegalArgumentException(member);
        };
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            # member       | value                                           | normalised (as describe() shows it)
            issuer         | team-ca                                         | {issuer=team-ca}
            issuer         | Self                                            | {issuer=Self}
            signedBy       | root-ca                                         | {signedBy={name=root-ca}}
            signedBy       | root-ca@25EFB5C962F441C188437A085BCCA999        | {signedBy={name=root-ca, version=25efb5c962f441c188437a085bcca999}}
            serialNumbers  | 0A:1B:2c                                        | {serialNumbers=[a1b2c]}
            serialNumbers  | 00ff,ff,0                                       | {serialNumbers=[ff, 0]}
            thumbprints    | 7NvrAXnTNM9rZDAUNi7v9kotS_M                     | {thumbprints=[7NvrAXnTNM9rZDAUNi7v9kotS_M]}
            thumbprints    | ECDBEB0179D334CF6B643014362EEFF64A2D4BF3        | {thumbprints=[7NvrAXnTNM9rZDAUNi7v9kotS_M]}
            thumbprints    | ec:db:eb:01:79:d3:34:cf:6b:64:30:14:36:2e:ef:f6:4a:2d:4b:f3 | {thumbprints=[7NvrAXnTNM9rZDAUNi7v9kotS_M]}
            expiringBefore | 2027-01-01T00:00:00Z                            | {expiringBefore=2027-01-01T00:00:00Z}
            expiringBefore | 2027-01-01T02:00:00+02:00                       | {expiringBefore=2027-01-01T00:00:00Z}
            """)
    void validSelectorsAreNormalisedForMatching(String member, String value, String described) {
        var validation = ReissueSelectors.validate(draft(member, value));

        assertThat(validation).isInstanceOf(ReissueSelectors.Valid.class);
        assertThat(((ReissueSelectors.Valid) validation).selector().describe()).hasToString(described);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            # member       | value                                     | the message names
            issuer         | ''                                        | selector.issuer '' is not an issuer name
            issuer         | team ca                                   | selector.issuer 'team ca' is not an issuer name
            issuer         | Unknown                                   | selector.issuer may not be Unknown
            signedBy       | @25efb5c962f441c188437a085bcca999         | selector.signedBy.name must name a CA certificate
            signedBy       | root-ca@25efb5c9                          | selector.signedBy.version '25efb5c9' is not a certificate version
            signedBy       | root-ca@                                  | selector.signedBy.version '' is not a certificate version
            serialNumbers  | ''                                        | selector.serialNumbers is empty
            serialNumbers  | 0a1b,xyz                                  | selector.serialNumbers[1] 'xyz' is not a serial number
            serialNumbers  | 0a1b,~                                    | selector.serialNumbers[1] 'null' is null
            serialNumbers  | :                                         | selector.serialNumbers[0] ':' is not a serial number
            serialNumbers  | 0x0a1b                                    | selector.serialNumbers[0] '0x0a1b' is not a serial number
            thumbprints    | ''                                        | selector.thumbprints is empty
            thumbprints    | ECDBEB0179D334CF6B643014362EEFF64A2D4B    | selector.thumbprints[0] 'ECDBEB0179D334CF6B643014362EEFF64A2D4B' is not a SHA-1 thumbprint
            thumbprints    | 7NvrAXnTNM9rZDAUNi7v9kotS+M               | selector.thumbprints[0] '7NvrAXnTNM9rZDAUNi7v9kotS+M' is not a SHA-1 thumbprint
            thumbprints    | 7NvrAXnTNM9rZDAUNi7v9kotS_Mxx             | is not a SHA-1 thumbprint
            expiringBefore | 2027-01-01                                | selector.expiringBefore '2027-01-01' is not a date-time with an offset
            expiringBefore | 2027-01-01T00:00:00                       | selector.expiringBefore '2027-01-01T00:00:00' is not a date-time with an offset
            expiringBefore | tomorrow                                  | is not a date-time
            """)
    void invalidSelectorsAreRefusedNamingTheProblem(String member, String value, String message) {
        var validation = ReissueSelectors.validate(draft(member, value));

        assertThat(validation).isInstanceOf(ReissueSelectors.Invalid.class);
        assertThat(((ReissueSelectors.Invalid) validation).message()).contains(message);
    }

    @Test
    void exactlyOneMemberIsRequired() {
        assertThat(ReissueSelectors.validate(null)).isEqualTo(new ReissueSelectors.Invalid(
                "selector is required: exactly one of issuer, signedBy, serialNumbers, thumbprints, expiringBefore"));
        assertThat(ReissueSelectors.validate(NONE)).isEqualTo(new ReissueSelectors.Invalid(
                "selector must have exactly one of issuer, signedBy, serialNumbers, thumbprints, expiringBefore; it has none"));
        assertThat(ReissueSelectors.validate(new ReissueSelectors.Draft("team-ca", null, null, null, "2027-01-01T00:00:00Z")))
                .isEqualTo(new ReissueSelectors.Invalid(
                        "selector must have exactly one of issuer, signedBy, serialNumbers, thumbprints, expiringBefore; it has issuer and expiringBefore"));
    }

    @Test
    void tenThousandEntriesAreAllowedOneMoreIsNot() {
        List<String> serials = new ArrayList<>();
        for (int i = 1; i <= ReissueSelectors.MAX_ENTRIES; i++) {
            serials.add(Integer.toHexString(i));
        }
        assertThat(ReissueSelectors.validate(new ReissueSelectors.Draft(null, null, serials, null, null)))
                .isInstanceOf(ReissueSelectors.Valid.class);

        serials.add("abcdef");
        assertThat(ReissueSelectors.validate(new ReissueSelectors.Draft(null, null, serials, null, null)))
                .isEqualTo(new ReissueSelectors.Invalid("selector.serialNumbers lists 10001 entries; at most 10000 are allowed per request"));
        assertThat(ReissueSelectors.validate(new ReissueSelectors.Draft(null, null, null, Collections.nCopies(10_001, "7NvrAXnTNM9rZDAUNi7v9kotS_M"), null)))
                .isInstanceOf(ReissueSelectors.Invalid.class);
    }

    @Test
    void theSelectorsCarryWhatTheyMatchOn() {
        var valid = (ReissueSelectors.Valid) ReissueSelectors.validate(draft("expiringBefore", "2027-01-01T00:00:00Z"));
        assertThat(valid.selector()).isEqualTo(new ReissueSelector.ExpiringBefore(Instant.parse("2027-01-01T00:00:00Z")));
        var signedBy = (ReissueSelectors.Valid) ReissueSelectors.validate(draft("signedBy", "root-ca"));
        assertThat(signedBy.selector()).isEqualTo(new ReissueSelector.SignedBy("root-ca", Optional.empty()));
    }
}
