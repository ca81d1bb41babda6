package io.renewd.domain.guardrails;

import io.renewd.domain.Durations;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.Validity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** How long validity_months can be, and the validity a policy that names none gets under its vault's maximum. */
class GuardrailValidityTest {

    @ParameterizedTest(name = "{0} months: at most {1} days")
    @CsvSource({"1, 31", "2, 62", "3, 92", "6, 184", "7, 215", "11, 337", "12, 366", "24, 731", "48, 1461"})
    void longestSpanOfMonths(int months, long days) {
        assertThat(ValidityBounds.longestMonths(months)).isEqualTo(Duration.ofDays(days));
    }

    @Test
    void theLongestSpanIsWhatTheCalendarGivesAtMost() {
        for (int months : new int[]{1, 2, 3, 5, 6, 7, 12, 13, 25}) {
            long longest = 0;
            for (LocalDate start = LocalDate.of(2026, 1, 1); start.isBefore(LocalDate.of(2034, 1, 1)); start = start.plusDays(1)) {
                var from = start.atStartOfDay().toInstant(ZoneOffset.UTC);
                longest = Math.max(longest, Duration.between(from, new Validity.Months(months).notAfter(from)).toDays());
            }
            assertThat(ValidityBounds.longestMonths(months)).as("%d months", months).isEqualTo(Duration.ofDays(longest));
        }
    }

    @ParameterizedTest(name = "maximum {0}: {1}")
    @CsvSource(nullValues = "none", value = {"none, Months[months=12]", "P366D, Months[months=12]", "P398D, Months[months=12]",
            "P365D, Exact[duration=PT8760H]", "P200D, Exact[duration=PT4800H]", "PT24H, Exact[duration=PT24H]"})
    void defaultValidityIsTwelveMonthsOrTheMaximum(String maximum, String validity) {
        assertThat(ValidityBounds.defaultValidity(maximum == null ? null : Duration.parse(maximum))).hasToString(validity);
    }

    static Stream<Arguments> defaults() {
        var serverAuth = List.of(ServerAuth.OID);
        var max90 = new Guardrails(null, null, Duration.ofDays(90), null, null);
        var max398 = new Guardrails(null, null, Duration.ofDays(398), null, null);
        return Stream.of(
                arguments("serverAuth without validity: 200 days", Guardrails.NONE, x509(serverAuth, null, null), null, "P200D"),
                arguments("no x509_props at all: Key Vault's 12 months", Guardrails.NONE, null, null, null),
                arguments("no EKUs: Key Vault's 12 months", Guardrails.NONE, x509(null, null, null), null, null),
                arguments("validity_months named: kept", Guardrails.NONE, x509(serverAuth, 12, null), 12, null),
                arguments("validity named: kept", Guardrails.NONE, x509(serverAuth, null, "P300D"), null, "P300D"),
                arguments("vault maximum 90 days, any EKUs", max90, x509(null, null, null), null, "P90D"),
                arguments("vault maximum 90 days, no x509_props", max90, null, null, "P90D"),
                arguments("vault maximum over 12 months", max398, x509(serverAuth, null, null), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void aPolicyThatNamesNoValidityGetsOneWithinItsGuardrails(String what, Guardrails guardrails, PolicyDraft.X509Draft x509,
                                                             Integer months, String validity) {
        var draft = new PolicyDraft(null, null, x509, null, null, null);

        PolicyDraft filled = DefaultValidity.fill(draft, guardrails, Duration.ofDays(200));

        if (months == null && validity == null) {
            assertThat(filled).isSameAs(draft);
        } else {
            assertThat(filled.x509().validityMonths()).isEqualTo(months);
            assertThat(filled.x509().validity()).isEqualTo(validity);
        }
        if (x509 != null) {
            assertThat(filled.x509().subject()).isEqualTo(x509.subject());
            assertThat(filled.x509().ekus()).isEqualTo(x509.ekus());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"P200D, P200D", "PT36H, P1DT12H", "PT10M, PT10M", "P1DT0.5S, P1DT0.5S"})
    void durationsAreWrittenInDays(String duration, String written) {
        assertThat(Durations.iso(Duration.parse(duration))).isEqualTo(written);
    }

    static PolicyDraft.X509Draft x509(List<String> ekus, Integer months, String validity) {
        return new PolicyDraft.X509Draft("CN=www.example.com", null, ekus, null, months, validity);
    }
}
