package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;
import io.renewd.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What a vault may set as guardrails: each bad member named, good ones normalized. */
class GuardrailRulesTest {

    static Stream<Arguments> badMembers() {
        return Stream.of(
                arguments("RSA minimum under 2048", draft(1024, null, null, null, null), "min_rsa_key_size 1024 is out of range: 2048 to 16384"),
                arguments("RSA minimum over 16384", draft(32768, null, null, null, null), "min_rsa_key_size 32768 is out of range"),
                arguments("unknown curve", draft(null, List.of("P-256", "secp256k1"), null, null, null),
                        "allowed_curves: 'secp256k1' is not a curve renewd knows: use P-256, P-384 or P-521"),
                arguments("null curve", draft(null, Arrays.asList("P-256", null), null, null, null), "allowed_curves: 'null'"),
                arguments("validity in months", draft(null, null, "P6M", null, null), "max_validity 'P6M' is not an ISO-8601 duration"),
                arguments("validity as a bare number", draft(null, null, "200", null, null), "max_validity '200' is not an ISO-8601 duration"),
                arguments("validity under 5 minutes", draft(null, null, "PT4M59S", null, null), "max_validity PT4M59S is shorter than"),
                arguments("negative validity", draft(null, null, "-P1D", null, null), "is shorter than"),
                arguments("fractional seconds", draft(null, null, "PT10M0.5S", null, null), "must be whole seconds"),
                arguments("validity over 100 years", draft(null, null, "P36526D", null, null), "is longer than 100 years"),
                arguments("no issuer", draft(null, null, null, List.of(), null), "allowed_issuers must name at least one issuer"),
                arguments("bad issuer name", draft(null, null, null, List.of("Self", "my issuer"), null),
                        "allowed_issuers: 'my issuer' is not Self, Unknown or an issuer name"),
                arguments("bad DNS pattern", draft(null, null, null, null, List.of("ok.example.com", "a.*.example.com")),
                        "allowed_dns_names: 'a.*.example.com' has a wildcard that is not a whole leftmost label"),
                arguments("allow-all DNS pattern", draft(null, null, null, null, List.of("*")), "allows every name"),
                arguments("too many patterns", draft(null, null, null, null, Collections.nCopies(201, "a.example.com")),
                        "allowed_dns_names has 201 entries; at most 200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMembers")
    void eachBadMemberIsNamed(String what, GuardrailsDraft draft, String message) {
        var result = GuardrailRules.validate(draft);

        assertThat(result).isInstanceOf(GuardrailRules.Result.Invalid.class);
        assertThat(((GuardrailRules.Result.Invalid) result).message()).contains(message);
    }

    @Test
    void everyBadMemberIsReportedAtOnce() {
        var result = (GuardrailRules.Result.Invalid) GuardrailRules.validate(draft(1, List.of("x"), "y", List.of(), List.of("*")));

        assertThat(result.violations()).hasSize(5).extracting(Violation::code).containsOnly("BadParameter");
    }

    @Test
    void anEmptyDraftSetsNoRuleButRefusesCas() {
        assertThat(GuardrailRules.validate(draft(null, null, null, null, null))).isEqualTo(new GuardrailRules.Result.Valid(
                new Guardrails(null, null, null, null, null, false, null, null)));
    }

    @Test
    void validMembersAreNormalized() {
        var result = (GuardrailRules.Result.Valid) GuardrailRules.validate(draft(2048, List.of("P-384", "P-256", "P-384"), "P1DT12H",
                List.of("self", "UNKNOWN", "letsencrypt", "LetsEncrypt"), List.of("*.Team-A.example.com", "*.team-a.example.com.", "team-a.example.com")));

        Guardrails guardrails = result.guardrails();
        assertThat(guardrails.minRsaKeySize()).isEqualTo(2048);
        assertThat(guardrails.allowedCurves()).isEqualTo(EnumSet.of(Curve.P_256, Curve.P_384));
        assertThat(guardrails.maxValidity()).isEqualTo(Duration.ofHours(36));
        assertThat(guardrails.allowedIssuers()).containsExactly("Self", "Unknown", "letsencrypt");
        assertThat(guardrails.allowedDnsNames()).extracting(DnsNamePattern::text).containsExactly("*.team-a.example.com", "team-a.example.com");
        assertThat(GuardrailsDraft.of(guardrails)).isEqualTo(new GuardrailsDraft(2048, List.of("P-256", "P-384"), "P1DT12H",
                List.of("Self", "Unknown", "letsencrypt"), List.of("*.team-a.example.com", "team-a.example.com"), false, null, null));
    }

    @Test
    void emptyCurveAndDnsListsAreRulesOfTheirOwn() {
        var result = (GuardrailRules.Result.Valid) GuardrailRules.validate(draft(null, List.of(), null, null, List.of()));

        assertThat(result.guardrails().allowedCurves()).isEmpty();
        assertThat(result.guardrails().allowedDnsNames()).isEmpty();
        assertThat(result.guardrails().isEmpty()).isFalse();
    }

    @Test
    void limitsAtTheirEdgesAreAccepted() {
        assertThat(GuardrailRules.validate(draft(16384, null, "PT5M", null, null))).isInstanceOf(GuardrailRules.Result.Valid.class);
        assertThat(GuardrailRules.validate(draft(null, null, "P36525D", null, new ArrayList<>(Collections.nCopies(200, "a.example.com")))))
                .isInstanceOf(GuardrailRules.Result.Valid.class);
    }

    static GuardrailsDraft draft(Integer minRsa, List<String> curves, String maxValidity, List<String> issuers, List<String> dnsNames) {
        return new GuardrailsDraft(minRsa, curves, maxValidity, issuers, dnsNames);
    }
}
