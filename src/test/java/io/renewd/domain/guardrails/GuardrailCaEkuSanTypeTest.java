package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** allow_ca, allowed_ekus and allowed_san_types: what each refuses and allows, and how a draft reads them. */
class GuardrailCaEkuSanTypeTest {

    static final String SERVER_AUTH = ServerAuth.OID;
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String SMART_CARD = "1.3.6.1.4.1.311.20.2.2";

    static final Guardrails DOCUMENT = valid(new GuardrailsDraft(2048, null, null, null, null));
    static final Guardrails CAS_ALLOWED = valid(new GuardrailsDraft(null, null, null, null, null, true, null, null));
    static final Guardrails EKUS = valid(new GuardrailsDraft(null, null, null, null, null, true, List.of("serverAuth", CLIENT_AUTH), null));
    static final Guardrails NO_EKUS = valid(new GuardrailsDraft(null, null, null, null, null, true, List.of(), null));
    static final Guardrails DNS_ONLY = valid(new GuardrailsDraft(null, null, null, null, null, true, null, List.of("dns")));
    static final Guardrails NO_SANS = valid(new GuardrailsDraft(null, null, null, null, null, true, null, List.of()));

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("no guardrails: a CA", Guardrails.NONE, candidate(true, List.of(), Set.of()), null),
                arguments("guardrails without allow_ca: a CA", DOCUMENT, candidate(true, List.of(), Set.of()),
                        "allow_ca: the policy is a CA certificate (key usage keyCertSign); this vault allows no CA certificates"),
                arguments("guardrails without allow_ca: a leaf", DOCUMENT, candidate(false, List.of(SERVER_AUTH), Set.of(SanType.DNS)), null),
                arguments("allow_ca true: a CA", CAS_ALLOWED, candidate(true, List.of(), Set.of()), null),
                arguments("listed EKUs", EKUS, candidate(false, List.of(SERVER_AUTH, CLIENT_AUTH), Set.of()), null),
                arguments("an unlisted EKU", EKUS, candidate(false, List.of(CLIENT_AUTH, SMART_CARD), Set.of()),
                        "allowed_ekus: the policy has extended key usage " + SMART_CARD + "; this vault allows only " + SERVER_AUTH + ", " + CLIENT_AUTH),
                arguments("no EKU is not concerned", EKUS, candidate(false, List.of(), Set.of()), null),
                arguments("empty allowed_ekus", NO_EKUS, candidate(false, List.of(SERVER_AUTH), Set.of()),
                        "this vault allows no extended key usages (allowed_ekus is empty)"),
                arguments("a DNS SAN under dns only", DNS_ONLY, candidate(false, List.of(), Set.of(SanType.DNS)), null),
                arguments("a UPN under dns only", DNS_ONLY, candidate(false, List.of(), EnumSet.of(SanType.DNS, SanType.UPN)),
                        "allowed_san_types: the policy has upn subject alternative names; this vault allows only dns"),
                arguments("IP and email under dns only", DNS_ONLY, candidate(false, List.of(), EnumSet.of(SanType.IP, SanType.EMAIL)),
                        "has ip, email subject alternative names"),
                arguments("any SAN under []", NO_SANS, candidate(false, List.of(), Set.of(SanType.DNS)),
                        "this vault allows no subject alternative names (allowed_san_types is empty)"),
                arguments("no SAN under []", NO_SANS, candidate(false, List.of(), Set.of()), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRule(String name, Guardrails guardrails, Candidate candidate, String refusal) {
        var violations = GuardrailCheck.check(guardrails, candidate, null);
        if (refusal == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).hasSize(1);
            assertThat(violations.getFirst().message()).contains(refusal);
        }
    }

    static Stream<Arguments> drafts() {
        return Stream.of(
                arguments(new GuardrailsDraft(null, null, null, null, null, null, List.of("notAnEku"), null), "allowed_ekus: 'notAnEku' is not"),
                arguments(new GuardrailsDraft(null, null, null, null, null, null, List.of("1.3.6"), null), null),
                arguments(new GuardrailsDraft(null, null, null, null, null, null, null, List.of("uri")), "allowed_san_types: 'uri' is not a SAN type"),
                arguments(new GuardrailsDraft(null, null, null, null, null, null, null, List.of("DNS", "upn")), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drafts")
    void newMembersAreValidated(GuardrailsDraft draft, String refusal) {
        var result = GuardrailRules.validate(draft);
        if (refusal == null) {
            assertThat(result).isInstanceOf(GuardrailRules.Result.Valid.class);
        } else {
            assertThat(((GuardrailRules.Result.Invalid) result).message()).contains(refusal);
        }
    }

    @Test
    void aDocumentThatLeavesAllowCaOutSaysFalseAndNamesAreStoredAsOids() {
        assertThat(DOCUMENT.allowCa()).isFalse();
        assertThat(Guardrails.NONE.allowCa()).isNull();
        assertThat(EKUS.allowedEkus()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(GuardrailsDraft.of(DNS_ONLY).allowedSanTypes()).containsExactly("dns");
        assertThat(valid(GuardrailsDraft.of(EKUS))).isEqualTo(EKUS);
    }

    private static Candidate candidate(boolean ca, List<String> ekus, Set<SanType> sanTypes) {
        return new Candidate("the policy", new KeySpec.Ec(Curve.P_256), Duration.ofDays(30), "asks for P30D", ekus, "Self", List.of(), ca, sanTypes);
    }

    private static Guardrails valid(GuardrailsDraft draft) {
        return ((GuardrailRules.Result.Valid) GuardrailRules.validate(draft)).guardrails();
    }
}
