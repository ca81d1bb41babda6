package io.renewd.domain.guardrails;

import io.renewd.domain.CertificateFacts;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.Curve;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.KeyProperties;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SecretContentType;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.domain.Validity;
import io.renewd.domain.X509Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each guardrail: what it refuses (with the message naming rule and limit) and what it allows, edges included. */
class GuardrailCheckTest {

    static final Duration DEFAULT = Duration.ofDays(200);
    static final String SERVER_AUTH = ServerAuth.OID;
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final Instant NBF = Instant.parse("2026-03-15T00:00:00Z");

    static final Guardrails MIN_3072 = new Guardrails(3072, null, null, null, null);
    static final Guardrails CURVES = new Guardrails(null, EnumSet.of(Curve.P_256, Curve.P_384), null, null, null);
    static final Guardrails NO_EC = new Guardrails(null, Set.of(), null, null, null);
    static final Guardrails MAX_90 = new Guardrails(null, null, Duration.ofDays(90), null, null);
    static final Guardrails MAX_398 = new Guardrails(null, null, Duration.ofDays(398), null, null);
    static final Guardrails ISSUERS = new Guardrails(null, null, null, List.of("Self", "letsencrypt"), null);
    static final Guardrails DNS = new Guardrails(null, null, null, null, patterns("*.team-a.example.com", "team-a.example.com"));
    static final Guardrails DNS_DEEP = new Guardrails(null, null, null, null, patterns("**.example.com"));
    static final Guardrails NO_DNS = new Guardrails(null, null, null, null, List.of());

    /** guardrails, candidate, null when allowed or the message a refusal contains. */
    static Stream<Arguments> rules() {
        return Stream.of(
                // min_rsa_key_size
                arguments("RSA below the minimum", MIN_3072, policy(rsa(2048)),
                        "min_rsa_key_size: the policy has an RSA key of 2048 bits; this vault requires at least 3072 bits"),
                arguments("RSA exactly the minimum", MIN_3072, policy(rsa(3072)), null),
                arguments("RSA above the minimum", MIN_3072, policy(rsa(4096)), null),
                arguments("EC is not concerned by the RSA minimum", MIN_3072, policy(ec(Curve.P_256)), null),
                arguments("imported RSA 2048 below the minimum", MIN_3072, certificate(rsa(2048), Duration.ofDays(90), List.of(), "CN=a", List.of()),
                        "min_rsa_key_size: the imported certificate has an RSA key of 2048 bits"),
                arguments("no minimum: RSA 2048", Guardrails.NONE, policy(rsa(2048)), null),
                // allowed_curves
                arguments("curve not allowed", CURVES, policy(ec(Curve.P_521)),
                        "allowed_curves: the policy has an EC key on P-521; this vault allows only P-256, P-384"),
                arguments("first allowed curve", CURVES, policy(ec(Curve.P_256)), null),
                arguments("second allowed curve", CURVES, policy(ec(Curve.P_384)), null),
                arguments("RSA is not concerned by curves", CURVES, policy(rsa(2048)), null),
                arguments("empty curves: no EC key", NO_EC, policy(ec(Curve.P_256)), "this vault allows no EC keys (allowed_curves is empty): use RSA"),
                arguments("empty curves: RSA still allowed", NO_EC, policy(rsa(2048)), null),
                // max_validity set by the vault: applies to every certificate
                arguments("exact validity at the vault's maximum", MAX_90, policy(exact(Duration.ofDays(90)), List.of()), null),
                arguments("exact validity one second over", MAX_90, policy(exact(Duration.ofDays(90).plusSeconds(1)), List.of()),
                        "max_validity: the policy asks for a validity of P90DT1S, longer than this vault's maximum of P90D"),
                arguments("2 months fit 90 days (at most 62)", MAX_90, policy(new Validity.Months(2), List.of()), null),
                arguments("3 months can be 92 days", MAX_90, policy(new Validity.Months(3), List.of()),
                        "max_validity: the policy asks for validity_months 3 (up to 92 days), longer than this vault's maximum of P90D"),
                arguments("certificate exactly at the vault's maximum", MAX_90, certificate(rsa(2048), Duration.ofDays(90), List.of(), "CN=a", List.of()), null),
                arguments("certificate a second over the vault's maximum", MAX_90,
                        certificate(rsa(2048), Duration.ofDays(90).plusSeconds(1), List.of(), "CN=a", List.of()),
                        "max_validity: the imported certificate is valid for P90DT1S (notBefore 2026-03-15T00:00:00Z, notAfter 2026-06-13T00:00:01Z), "
                                + "longer than this vault's maximum of P90D"),
                arguments("the vault's maximum replaces the serverAuth default", MAX_398, policy(new Validity.Months(12), List.of(SERVER_AUTH)), null),
                arguments("the vault's maximum replaces the default, also when shorter", MAX_90,
                        policy(exact(Duration.ofDays(100)), List.of(SERVER_AUTH)), "longer than this vault's maximum of P90D"),
                // the serverAuth default (no max_validity in the vault)
                arguments("serverAuth exactly 200 days", Guardrails.NONE, policy(exact(DEFAULT), List.of(SERVER_AUTH)), null),
                arguments("serverAuth a second over 200 days", Guardrails.NONE, policy(exact(DEFAULT.plusSeconds(1)), List.of(SERVER_AUTH)),
                        "max_validity: the policy asks for a validity of P200DT1S, longer than the maximum of P200D for serverAuth certificates"),
                arguments("serverAuth 6 months (at most 184 days)", Guardrails.NONE, policy(new Validity.Months(6), List.of(SERVER_AUTH)), null),
                arguments("serverAuth 7 months (up to 215 days)", Guardrails.NONE, policy(new Validity.Months(7), List.of(SERVER_AUTH)),
                        "validity_months 7 (up to 215 days), longer than the maximum of P200D for serverAuth certificates"),
                arguments("serverAuth 12 months", Guardrails.NONE, policy(new Validity.Months(12), List.of(CLIENT_AUTH, SERVER_AUTH)),
                        "validity_months 12 (up to 366 days)"),
                arguments("anyExtendedKeyUsage counts as serverAuth", Guardrails.NONE, policy(new Validity.Months(12), List.of(ServerAuth.ANY_EKU)),
                        "for serverAuth certificates"),
                arguments("no EKUs: 12 months allowed", Guardrails.NONE, policy(new Validity.Months(12), List.of()), null),
                arguments("clientAuth only: 12 months allowed", Guardrails.NONE, policy(new Validity.Months(12), List.of(CLIENT_AUTH)), null),
                arguments("imported serverAuth certificate of 366 days", Guardrails.NONE,
                        certificate(rsa(2048), Duration.ofDays(366), List.of(SERVER_AUTH), "CN=a", List.of()),
                        "max_validity: the imported certificate is valid for P366D"),
                arguments("imported serverAuth certificate of exactly 200 days", Guardrails.NONE,
                        certificate(rsa(2048), DEFAULT, List.of(SERVER_AUTH), "CN=a", List.of()), null),
                arguments("imported certificate without serverAuth of 5 years", Guardrails.NONE,
                        certificate(rsa(2048), Duration.ofDays(1826), List.of(CLIENT_AUTH), "CN=a", List.of()), null),
                // allowed_issuers
                arguments("allowed issuer Self", ISSUERS, policy("Self"), null),
                arguments("allowed named issuer, any case", ISSUERS, policy("LetsEncrypt"), null),
                arguments("Unknown not allowed", ISSUERS, policy("Unknown"),
                        "allowed_issuers: the policy names issuer 'Unknown'; this vault allows only Self, letsencrypt"),
                arguments("other named issuer not allowed", ISSUERS, policy("zerossl"), "names issuer 'zerossl'"),
                // allowed_dns_names
                arguments("one label under the wildcard", DNS, names("CN=api.team-a.example.com", "api.team-a.example.com"), null),
                arguments("the exact name", DNS, names("", "team-a.example.com"), null),
                arguments("case and trailing dot do not matter", DNS, names("", "API.Team-A.example.com."), null),
                arguments("a wildcard certificate under the wildcard", DNS, names("", "*.team-a.example.com"), null),
                arguments("two labels under a one-label wildcard", DNS, names("", "a.b.team-a.example.com"),
                        "allowed_dns_names: the policy names a.b.team-a.example.com, which no pattern allows; "
                                + "this vault allows only *.team-a.example.com, team-a.example.com"),
                arguments("a name of another zone", DNS, names("", "api.team-a.example.com", "evil.example.com"), "names evil.example.com, which"),
                arguments("a suffix that is not a label boundary", DNS, names("", "xteam-a.example.com"), "names xteam-a.example.com"),
                arguments("the subject's DNS common name counts", DNS, names("CN=www.evil.com, O=Team A", "api.team-a.example.com"),
                        "names www.evil.com, which no pattern allows"),
                arguments("a common name that is not a DNS name does not count", DNS, names("CN=Team A Service", "api.team-a.example.com"), null),
                arguments("IP SANs are not restricted", DNS, sans(List.of("api.team-a.example.com"), List.of(), List.of("10.0.0.1", "2001:db8::1")), null),
                arguments("emails are not restricted", DNS, sans(List.of(), List.of("pki@evil.com"), List.of()), null),
                arguments("any depth under **.", DNS_DEEP, names("", "a.b.c.example.com", "x.example.com", "*.team-a.example.com"), null),
                arguments("**. needs at least one label", DNS_DEEP, names("", "example.com"), "names example.com, which no pattern allows"),
                arguments("a wildcard certificate wider than the pattern", DNS, names("", "*.example.com"), "names *.example.com"),
                arguments("empty list: no DNS name", NO_DNS, names("", "a.example.com"), "this vault allows no DNS names (allowed_dns_names is empty)"),
                arguments("empty list: an IP-only certificate", NO_DNS, sans(List.of(), List.of(), List.of("10.0.0.1")), null),
                arguments("imported certificate names checked", DNS,
                        certificate(ec(Curve.P_256), Duration.ofDays(30), List.of(), "CN=imported", List.of("imported.example.com")),
                        "allowed_dns_names: the imported certificate names imported.example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleRefusesWhatItShouldAndAllowsTheRest(String what, Guardrails guardrails, Candidate candidate, String refusal) {
        List<GuardrailViolation> violations = GuardrailCheck.check(guardrails, candidate, DEFAULT);

        if (refusal == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).hasSize(1);
            assertThat(violations.getFirst().message()).contains(refusal);
        }
    }

    @Test
    void withoutADeploymentDefaultServerAuthCertificatesHaveNoMaximum() {
        assertThat(GuardrailCheck.check(Guardrails.NONE, policy(new Validity.Months(24), List.of(SERVER_AUTH)), null)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReportedInOrderAndTheMessageNamesTheVault() {
        var all = new Guardrails(3072, Set.of(), Duration.ofDays(30), List.of("Self"), patterns("*.team-a.example.com"));
        var candidate = Candidate.ofPolicy("the policy", policy(rsa(2048), new Validity.Months(2), List.of(), "Unknown", "CN=x.example.org", List.of()));

        var violations = GuardrailCheck.check(all, candidate, DEFAULT);

        assertThat(violations).extracting(GuardrailViolation::rule)
                .containsExactly(Guardrail.MIN_RSA_KEY_SIZE, Guardrail.MAX_VALIDITY, Guardrail.ALLOWED_ISSUERS, Guardrail.ALLOWED_DNS_NAMES);
        assertThat(GuardrailCheck.message("team-a", violations))
                .startsWith("forbidden by the guardrails of vault 'team-a': min_rsa_key_size: ")
                .contains("; max_validity: ", "; allowed_issuers: ", "; allowed_dns_names: ");
    }

    @Test
    void manyRefusedNamesAreCounted() {
        List<String> many = IntStream.rangeClosed(1, 13).mapToObj(i -> "h" + i + ".other.example").toList();

        var violations = GuardrailCheck.check(DNS, Candidate.ofPolicy("the policy", policy(rsa(2048), new Validity.Months(1), List.of(), "Self", "", many)), DEFAULT);

        assertThat(violations.getFirst().message()).contains("h1.other.example", "h10.other.example", "and 3 more").doesNotContain("h11.");
    }

    @Test
    void aRenewalIsJudgedWithTheIssuerItCalls() {
        Candidate candidate = policy("Self").withIssuer("zerossl");

        assertThat(GuardrailCheck.check(ISSUERS, candidate, DEFAULT)).extracting(GuardrailViolation::rule).containsExactly(Guardrail.ALLOWED_ISSUERS);
    }

    @Test
    void dnsLikeCommonNames() {
        assertThat(Candidate.dnsLikeCommonNames("CN=www.example.com,O=Example")).containsExactly("www.example.com");
        assertThat(Candidate.dnsLikeCommonNames("CN=*.example.com")).containsExactly("*.example.com");
        assertThat(Candidate.dnsLikeCommonNames("O=Example+CN=api.example.com")).containsExactly("api.example.com");
        assertThat(Candidate.dnsLikeCommonNames("CN=Team Root CA")).isEmpty();
        assertThat(Candidate.dnsLikeCommonNames("CN=localhost")).isEmpty();
        assertThat(Candidate.dnsLikeCommonNames("")).isEmpty();
    }

    // --- candidates ---

    static Candidate policy(KeySpec key) {
        return Candidate.ofPolicy("the policy", policy(key, new Validity.Months(1), List.of(), "Self", "CN=a", List.of()));
    }

    static Candidate policy(Validity validity, List<String> ekus) {
        return Candidate.ofPolicy("the policy", policy(rsa(2048), validity, ekus, "Self", "CN=a", List.of()));
    }

    static Candidate policy(String issuer) {
        return Candidate.ofPolicy("the policy", policy(rsa(2048), new Validity.Months(1), List.of(), issuer, "CN=a", List.of()));
    }

    static Candidate names(String subject, String... dnsNames) {
        return Candidate.ofPolicy("the policy", policy(rsa(2048), new Validity.Months(1), List.of(), "Self", subject, List.of(dnsNames)));
    }

    static Candidate sans(List<String> dnsNames, List<String> emails, List<String> ips) {
        var x509 = new X509Properties("", new SubjectAlternativeNames(dnsNames, emails, List.of(), ips), List.of(),
                Set.of(KeyUsage.DIGITAL_SIGNATURE), new Validity.Months(1));
        return Candidate.ofPolicy("the policy", new CertificatePolicy(new KeyProperties(rsa(2048), true, false), SecretContentType.PKCS12, x509,
                List.of(), IssuerReference.self(), true));
    }

    static CertificatePolicy policy(KeySpec key, Validity validity, List<String> ekus, String issuer, String subject, List<String> dnsNames) {
        var x509 = new X509Properties(subject, new SubjectAlternativeNames(dnsNames, null, null, null), ekus,
                Set.of(KeyUsage.DIGITAL_SIGNATURE), validity);
        return new CertificatePolicy(new KeyProperties(key, true, false), SecretContentType.PKCS12, x509, List.of(),
                new IssuerReference(issuer, null, null), true);
    }

    static Candidate certificate(KeySpec key, Duration lifetime, List<String> ekus, String subject, List<String> dnsNames) {
        var facts = new CertificateFacts(subject, new SubjectAlternativeNames(dnsNames, null, null, null), Set.of(KeyUsage.DIGITAL_SIGNATURE),
                ekus, key, NBF, NBF.plus(lifetime));
        return Candidate.ofCertificate("the imported certificate", facts, IssuerReference.UNKNOWN);
    }

    static KeySpec rsa(int size) {
        return new KeySpec.Rsa(size);
    }

    static KeySpec ec(Curve curve) {
        return new KeySpec.Ec(curve);
    }

    static Validity exact(Duration duration) {
        return new Validity.Exact(duration);
    }

    static List<DnsNamePattern> patterns(String... texts) {
        return Stream.of(texts).map(t -> ((DnsNamePattern.Parsed.Valid) DnsNamePattern.parse(t)).pattern()).toList();
    }
}
