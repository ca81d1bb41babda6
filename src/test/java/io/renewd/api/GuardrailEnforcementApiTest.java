package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

/**
 * Each guardrail refuses what breaks it and allows what does not, for a create, a policy update,
 * an import (PEM and PFX) and a merge; refusals are 400 ForbiddenByGuardrail naming rule and
 * limit, and store nothing. Without guardrails, what Key Vault accepts is accepted (its default policy, 1-year certificates).
 */
@QuarkusTest
class GuardrailEnforcementApiTest {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final TestCertificates.Chain CA = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    // --- create and policy update ---------------------------------------------------------

    /**
     * @param allowed     a policy within the guardrails (create)
     * @param refused     a policy outside them (create)
     * @param refusedPatch a policy update that takes {@code allowed} outside them
     * @param allowedPatch a policy update that stays within them
     */
    record PolicyRule(String name, String guardrails, String allowed, String refused, String refusal, String refusedPatch, String allowedPatch) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PolicyRule> policyRules() {
        return Stream.of(
                new PolicyRule("min_rsa_key_size", "{\"min_rsa_key_size\": 3072}",
                        policy("{\"kty\": \"RSA\", \"key_size\": 3072}", "CN=Team A", "[]", "\"validity_months\": 1", "Self"),
                        policy("{\"kty\": \"RSA\", \"key_size\": 2048}", "CN=Team A", "[]", "\"validity_months\": 1", "Self"),
                        "min_rsa_key_size: the policy has an RSA key of 2048 bits; this vault requires at least 3072 bits",
                        "{\"key_props\": {\"kty\": \"RSA\", \"key_size\": 2048}}", "{\"key_props\": {\"kty\": \"RSA\", \"key_size\": 4096}}"),
                new PolicyRule("allowed_curves", "{\"allowed_curves\": [\"P-256\", \"P-384\"]}",
                        policy("{\"kty\": \"EC\", \"crv\": \"P-384\"}", "CN=Team A", "[]", "\"validity_months\": 1", "Self"),
                        policy("{\"kty\": \"EC\", \"crv\": \"P-521\"}", "CN=Team A", "[]", "\"validity_months\": 1", "Self"),
                        "allowed_curves: the policy has an EC key on P-521; this vault allows only P-256, P-384",
                        "{\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-521\", \"key_size\": 521}}",
                        "{\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\", \"key_size\": 256}}"),
                new PolicyRule("max_validity", "{\"max_validity\": \"P90D\"}",
                        policy(EC, "CN=Team A", "[]", "\"validity\": \"P90D\"", "Self"),
                        policy(EC, "CN=Team A", "[]", "\"validity_months\": 3", "Self"),
                        "max_validity: the policy asks for validity_months 3 (up to 92 days), longer than this vault's maximum of P90D",
                        "{\"x509_props\": {\"validity\": \"P90DT1S\"}}", "{\"x509_props\": {\"validity\": \"P30D\"}}"),
                new PolicyRule("allowed_issuers", "{\"allowed_issuers\": [\"Unknown\"]}",
                        policy(EC, "CN=Team A", "[]", "\"validity_months\": 1", "Unknown"),
                        policy(EC, "CN=Team A", "[]", "\"validity_months\": 1", "Self"),
                        "allowed_issuers: the policy names issuer 'Self'; this vault allows only Unknown",
                        "{\"issuer\": {\"name\": \"Self\"}}", "{\"issuer\": {\"name\": \"unknown\"}}"),
                new PolicyRule("allowed_dns_names", "{\"allowed_dns_names\": [\"*.team-a.example.com\", \"team-a.example.com\"]}",
                        policy(EC, "CN=Team A", "[\"api.team-a.example.com\", \"team-a.example.com\"]", "\"validity_months\": 1", "Self"),
                        policy(EC, "CN=Team A", "[\"api.team-a.example.com\", \"a.b.team-a.example.com\"]", "\"validity_months\": 1", "Self"),
                        "allowed_dns_names: the policy names a.b.team-a.example.com, which no pattern allows; "
                                + "this vault allows only *.team-a.example.com, team-a.example.com",
                        "{\"x509_props\": {\"sans\": {\"dns_names\": [\"www.team-b.example.com\"]}}}",
                        "{\"x509_props\": {\"sans\": {\"dns_names\": [\"*.team-a.example.com\"]}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyRules")
    void aCreateOutsideTheGuardrailsIsRefusedAndNothingStored(PolicyRule rule) {
        putGuardrails(rule.guardrails());

        create("refused", rule.refused()).statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail"))
                .body("error.message", startsWith("forbidden by the guardrails of vault '" + vault + "': "))
                .body("error.message", containsString(rule.refusal()));
        assertNothingStored("refused");

        create("allowed", rule.allowed()).statusCode(202);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyRules")
    void aPolicyUpdateOutsideTheGuardrailsIsRefusedAndThePolicyStays(PolicyRule rule) {
        putGuardrails(rule.guardrails());
        create("cert", rule.allowed()).statusCode(202);
        String before = policyOf("cert");

        patchPolicy("cert", rule.refusedPatch()).statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail"))
                .body("error.message", containsString(rule.name() + ": the policy "));
        given().contentType(ContentType.JSON).body("{\"policy\": " + rule.refusedPatch() + "}")
                .patch("/vaults/{v}/certificates/cert", vault).then().statusCode(400).body("error.code", is("ForbiddenByGuardrail"));
        assertThat(policyOf("cert")).isEqualTo(before);

        patchPolicy("cert", rule.allowedPatch()).statusCode(200);
    }

    @Test
    void aCreateForAnExistingCertificateWithARefusedPolicyKeepsTheOldPolicy() {
        create("web", policy(EC, "CN=Team A", "[]", "\"validity_months\": 1", "Self")).statusCode(202);
        putGuardrails("{\"max_validity\": \"P7D\"}");
        String before = policyOf("web");

        create("web", policy(EC, "CN=Team A", "[]", "\"validity_months\": 1", "Self")).statusCode(400)
                .body("error.message", containsString("longer than this vault's maximum of P7D"));
        create("web", "{}").statusCode(400).body("error.code", is("ForbiddenByGuardrail"));

        assertThat(policyOf("web")).isEqualTo(before);
        given().get("/vaults/{v}/certificates/web/versions", vault).then().body("value", hasSize(1));
    }

    @Test
    void aRefusedPolicyInACertificateUpdateLeavesTheAttributesAlone() {
        create("web", policy("{\"kty\": \"RSA\", \"key_size\": 3072}", "CN=Team A", "[]", "\"validity_months\": 1", "Self")).statusCode(202);
        putGuardrails("{\"min_rsa_key_size\": 3072}");

        given().contentType(ContentType.JSON).body("{\"policy\": {\"key_props\": {\"kty\": \"RSA\", \"key_size\": 2048}}, \"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/web", vault).then().statusCode(400).body("error.code", is("ForbiddenByGuardrail"));

        given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200).body("attributes.enabled", is(true));
    }

    @Test
    void theSubjectsDnsCommonNameCounts() {
        putGuardrails("{\"allowed_dns_names\": [\"*.team-a.example.com\"]}");

        create("cn", policy(EC, "CN=www.evil.example", "[\"api.team-a.example.com\"]", "\"validity_months\": 1", "Self")).statusCode(400)
                .body("error.message", containsString("allowed_dns_names: the policy names www.evil.example, which no pattern allows"));
        create("cn", policy(EC, "CN=api.team-a.example.com, O=Team A", "[\"api.team-a.example.com\"]", "\"validity_months\": 1", "Self"))
                .statusCode(202);
    }

    @Test
    void everyBrokenRuleIsNamedInOneRefusal() {
        putGuardrails("{\"min_rsa_key_size\": 4096, \"allowed_issuers\": [\"Unknown\"], \"max_validity\": \"P30D\"}");

        create("many", policy("{\"kty\": \"RSA\", \"key_size\": 2048}", "CN=Team A", "[]", "\"validity_months\": 2", "Self")).statusCode(400)
                .body("error.message", containsString("min_rsa_key_size: the policy has an RSA key of 2048 bits; this vault requires at least 4096 bits; "
                        + "max_validity: the policy asks for validity_months 2 (up to 62 days), longer than this vault's maximum of P30D; "
                        + "allowed_issuers: the policy names issuer 'Self'; this vault allows only Unknown"));
    }

    // --- import -----------------------------------------------------------------------------

    record ImportRule(String name, String guardrails, TestCertificates.Chain refused, TestCertificates.Chain allowed, Map<String, Object> allowedPolicy,
                      String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ImportRule> importRules() {
        var ec256 = new KeySpec.Ec(Curve.P_256);
        return Stream.of(
                new ImportRule("min_rsa_key_size", "{\"min_rsa_key_size\": 3072}",
                        chain(new KeySpec.Rsa(2048), Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)),
                        chain(new KeySpec.Rsa(3072), Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)), null,
                        "min_rsa_key_size: the imported certificate has an RSA key of 2048 bits; this vault requires at least 3072 bits"),
                new ImportRule("allowed_curves", "{\"allowed_curves\": [\"P-256\"]}",
                        chain(new KeySpec.Ec(Curve.P_384), Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)),
                        chain(ec256, Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)), null,
                        "allowed_curves: the imported certificate has an EC key on P-384; this vault allows only P-256"),
                new ImportRule("max_validity", "{\"max_validity\": \"P90D\"}",
                        chain(ec256, Duration.ofDays(90).plusSeconds(1), List.of("imported.example.com"), List.of(CLIENT_AUTH)),
                        chain(ec256, Duration.ofDays(90), List.of("imported.example.com"), List.of(CLIENT_AUTH)), null,
                        "max_validity: the imported certificate is valid for P90DT1S (notBefore "),
                new ImportRule("allowed_issuers", "{\"allowed_issuers\": [\"Self\"]}",
                        chain(ec256, Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)),
                        chain(ec256, Duration.ofDays(30), List.of("imported.example.com"), List.of(SERVER_AUTH)),
                        Map.of("issuer", Map.of("name", "Self")),
                        "allowed_issuers: the imported certificate names issuer 'Unknown'; this vault allows only Self"),
                new ImportRule("allowed_dns_names", "{\"allowed_dns_names\": [\"*.example.com\"]}",
                        chain(ec256, Duration.ofDays(30), List.of("imported.example.com", "a.b.example.com"), List.of(SERVER_AUTH)),
                        chain(ec256, Duration.ofDays(30), List.of("imported.example.com", "*.example.com"), List.of(SERVER_AUTH)), null,
                        "allowed_dns_names: the imported certificate names a.b.example.com, which no pattern allows; this vault allows only *.example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importRules")
    void anImportOutsideTheGuardrailsIsRefusedAsPemAndPfxAndNothingStored(ImportRule rule) {
        putGuardrails(rule.guardrails());

        for (Map<String, Object> body : List.of(pem(rule.refused(), null), pfx(rule.refused(), null))) {
            importCertificate("refused", body).statusCode(400)
                    .body("error.code", is("ForbiddenByGuardrail"))
                    .body("error.message", containsString(rule.refusal()));
        }
        assertNothingStored("refused");

        importCertificate("pem", pem(rule.allowed(), rule.allowedPolicy())).statusCode(200);
        importCertificate("pfx", pfx(rule.allowed(), rule.allowedPolicy())).statusCode(200);
    }

    @Test
    void anImportedPolicyThatNamesAValidityIsJudgedByIt() {
        putGuardrails("{\"max_validity\": \"P90D\"}");
        var shortLived = chain(new KeySpec.Ec(Curve.P_256), Duration.ofDays(60), List.of("imported.example.com"), List.of(CLIENT_AUTH));

        importCertificate("named", pem(shortLived, Map.of("x509_props", Map.of("validity_months", 12)))).statusCode(400)
                .body("error.message", containsString("max_validity: the imported certificate's policy asks for validity_months 12 (up to 366 days)"));
        assertNothingStored("named");

        importCertificate("derived", pem(shortLived, null)).statusCode(200);
    }

    // --- merge ------------------------------------------------------------------------------

    record MergeRule(String name, String keyProps, Duration signedFor, List<String> addedNames, String refusing, String allowing, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<MergeRule> mergeRules() {
        return Stream.of(
                new MergeRule("min_rsa_key_size", "{\"kty\": \"RSA\", \"key_size\": 2048}", Duration.ofDays(30), List.of(),
                        "{\"min_rsa_key_size\": 3072}", "{\"min_rsa_key_size\": 2048}",
                        "min_rsa_key_size: the merged certificate has an RSA key of 2048 bits; this vault requires at least 3072 bits"),
                new MergeRule("allowed_curves", EC, Duration.ofDays(30), List.of(),
                        "{\"allowed_curves\": [\"P-384\"]}", "{\"allowed_curves\": [\"P-256\"]}",
                        "allowed_curves: the merged certificate has an EC key on P-256; this vault allows only P-384"),
                new MergeRule("max_validity", EC, Duration.ofDays(90), List.of(),
                        "{\"max_validity\": \"P89D\"}", "{\"max_validity\": \"P90D\"}",
                        "max_validity: the merged certificate is valid for P90D (notBefore "),
                new MergeRule("allowed_issuers", EC, Duration.ofDays(30), List.of(),
                        "{\"allowed_issuers\": [\"Self\"]}", "{\"allowed_issuers\": [\"Unknown\"]}",
                        "allowed_issuers: the merged certificate names issuer 'Unknown'; this vault allows only Self"),
                new MergeRule("allowed_dns_names", EC, Duration.ofDays(30), List.of("extra.team-b.example.com"),
                        "{\"allowed_dns_names\": [\"*.team-a.example.com\"]}", "{\"allowed_dns_names\": [\"*.team-a.example.com\", \"*.team-b.example.com\"]}",
                        "allowed_dns_names: the merged certificate names extra.team-b.example.com, which no pattern allows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergeRules")
    void aMergeOutsideTheGuardrailsIsRefusedAndTheOperationKeepsWaiting(MergeRule rule) {
        String csr = startManualCreate("manual", rule.keyProps());
        X509Certificate signed = sign(csr, rule.signedFor(), List.of(), rule.addedNames());
        putGuardrails(rule.refusing());

        merge("manual", signed).statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail"))
                .body("error.message", containsString(rule.refusal()));
        given().get("/vaults/{v}/certificates/manual/pending", vault).then().body("status", is("inProgress"));
        given().get("/vaults/{v}/certificates/manual/versions", vault).then().body("value", hasSize(0));

        putGuardrails(rule.allowing());
        merge("manual", signed).statusCode(201);
    }

    // --- the maximum validity is the vault's choice ---------------------------------------------

    /** What {@code az keyvault certificate get-default-policy} gives, as the REST API takes it. */
    static final String KEY_VAULT_DEFAULT_POLICY = """
            {"policy": {"key_props": {"exportable": true, "kty": "RSA", "key_size": 2048, "reuse_key": true},
                        "secret_props": {"contentType": "application/x-pkcs12"},
                        "x509_props": {"subject": "CN=CLIGetDefaultPolicy", "validity_months": 12,
                                       "key_usage": ["cRLSign", "dataEncipherment", "digitalSignature", "keyEncipherment", "keyAgreement", "keyCertSign"]},
                        "lifetime_actions": [{"trigger": {"days_before_expiry": 90}, "action": {"action_type": "AutoRenew"}}],
                        "issuer": {"name": "Self"}}}""";
    /** The same with the EKUs Key Vault shows on a certificate made from it (TLS server and client). */
    static final String KEY_VAULT_DEFAULT_POLICY_WITH_EKUS = KEY_VAULT_DEFAULT_POLICY.replace("\"validity_months\": 12,",
            "\"validity_months\": 12, \"ekus\": [\"" + SERVER_AUTH + "\", \"" + CLIENT_AUTH + "\"],");

    @Test
    void keyVaultsDefaultPolicyAndOneYearCertificatesAreAcceptedInAVaultWithoutGuardrails() {
        create("default", KEY_VAULT_DEFAULT_POLICY).statusCode(202).body("status", is("completed"));
        create("default-ekus", KEY_VAULT_DEFAULT_POLICY_WITH_EKUS).statusCode(202).body("status", is("completed"));
        given().get("/vaults/{v}/certificates/default-ekus/policy", vault).then().body("x509_props.validity_months", is(12));
        patchPolicy("default-ekus", "{\"x509_props\": {\"validity_months\": 24}}").statusCode(200);

        var year = chain(new KeySpec.Ec(Curve.P_256), Duration.ofDays(366), List.of("imported.example.com"), List.of(SERVER_AUTH, CLIENT_AUTH));
        importCertificate("imported-pem", pem(year, null)).statusCode(200);
        importCertificate("imported-pfx", pfx(year, null)).statusCode(200);

        String csr = startManualCreate("manual", EC);
        merge("manual", sign(csr, Duration.ofDays(366), List.of(SERVER_AUTH), List.of())).statusCode(201);
    }

    @Test
    void aVaultThatSetsTheTwoHundredDayRuleRefusesLongerCertificatesNamingIt() {
        putGuardrails("{\"max_validity\": \"P200D\"}");

        create("default", KEY_VAULT_DEFAULT_POLICY_WITH_EKUS).statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail"))
                .body("error.message", containsString("max_validity: the policy asks for validity_months 12 (up to 366 days), "
                        + "longer than this vault's maximum of P200D"));
        create("over", serverAuthPolicy("\"validity\": \"P200DT1S\"")).statusCode(400).body("error.message", containsString("P200D"));
        assertNothingStored("default");

        var year = chain(new KeySpec.Ec(Curve.P_256), Duration.ofDays(366), List.of("imported.example.com"), List.of(SERVER_AUTH));
        for (Map<String, Object> body : List.of(pem(year, null), pfx(year, null))) {
            importCertificate("year", body).statusCode(400)
                    .body("error.code", is("ForbiddenByGuardrail"))
                    .body("error.message", containsString("max_validity: the imported certificate is valid for P366D"))
                    .body("error.message", containsString("longer than this vault's maximum of P200D"));
        }
        assertNothingStored("year");
        String csr = startManualCreate("manual", EC);
        merge("manual", sign(csr, Duration.ofDays(366), List.of(SERVER_AUTH), List.of())).statusCode(400)
                .body("error.message", containsString("max_validity: the merged certificate is valid for P366D"));

        create("exact", serverAuthPolicy("\"validity\": \"P200D\"")).statusCode(202);
        create("months", serverAuthPolicy("\"validity_months\": 6")).statusCode(202);
        importCertificate("days200", pem(chain(new KeySpec.Ec(Curve.P_256), Duration.ofDays(200), List.of("imported.example.com"),
                List.of(SERVER_AUTH)), null)).statusCode(200);
        merge("manual", sign(csr, Duration.ofDays(200), List.of(SERVER_AUTH), List.of())).statusCode(201);
        patchPolicy("months", "{\"x509_props\": {\"validity_months\": 7}}").statusCode(400)
                .body("error.message", containsString("validity_months 7 (up to 215 days), longer than this vault's maximum of P200D"));
    }

    @Test
    void aPolicyWithoutValidityGetsTwelveMonthsOrTheVaultsShorterMaximum() throws Exception {
        create("tls", serverAuthPolicy("\"subject\": \"CN=tls.example.com\"")).statusCode(202);
        given().get("/vaults/{v}/certificates/tls/policy", vault).then().body("x509_props.validity_months", is(12));

        create("plain", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=plain\"}}}").statusCode(202);
        given().get("/vaults/{v}/certificates/plain/policy", vault).then().body("x509_props.validity_months", is(12));

        putGuardrails("{\"max_validity\": \"P200D\"}");
        create("short", serverAuthPolicy("\"subject\": \"CN=short.example.com\"")).statusCode(202);
        given().get("/vaults/{v}/certificates/short/policy", vault).then()
                .body("x509_props.validity", is("P200D"))
                .body("x509_props", not(hasKey("validity_months")));
        X509Certificate issued = certificate("short");
        assertThat(Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(200));

        putGuardrails("{\"max_validity\": \"P398D\"}");
        create("long", serverAuthPolicy("\"subject\": \"CN=long.example.com\"")).statusCode(202);
        given().get("/vaults/{v}/certificates/long/policy", vault).then().body("x509_props.validity_months", is(12));
    }

    // --- helpers ------------------------------------------------------------------------------

    static final String EC = "{\"kty\": \"EC\", \"crv\": \"P-256\"}";

    static String policy(String keyProps, String subject, String dnsNames, String x509Extra, String issuer) {
        return """
                {"policy": {"key_props": %s, "x509_props": {"subject": "%s", "sans": {"dns_names": %s}, %s}, "issuer": {"name": "%s"}}}"""
                .formatted(keyProps, subject, dnsNames, x509Extra, issuer);
    }

    /** A serverAuth policy; {@code x509Members} adds validity or replaces the subject. */
    static String serverAuthPolicy(String x509Members) {
        String subject = x509Members.contains("\"subject\"") ? "" : "\"subject\": \"CN=www.example.com\", ";
        return "{\"policy\": {\"key_props\": " + EC + ", \"x509_props\": {" + subject + "\"ekus\": [\"" + SERVER_AUTH + "\"], "
                + x509Members + "}, \"issuer\": {\"name\": \"Self\"}}}";
    }

    static TestCertificates.Chain chain(KeySpec key, Duration lifetime, List<String> dnsNames, List<String> ekus) {
        Instant notBefore = NOW.minus(Duration.ofDays(1));
        return TestCertificates.chain("CN=imported", dnsNames, ekus, key, notBefore, notBefore.plus(lifetime));
    }

    static Map<String, Object> pem(TestCertificates.Chain chain, Map<String, Object> policy) {
        var body = new HashMap<String, Object>(Map.of("value", chain.pem()));
        if (policy != null) {
            body.put("policy", policy);
        }
        return body;
    }

    static Map<String, Object> pfx(TestCertificates.Chain chain, Map<String, Object> policy) {
        var body = new HashMap<String, Object>(Map.of("value", chain.pfxBase64("pfx-pass"), "pwd", "pfx-pass"));
        if (policy != null) {
            body.put("policy", policy);
        }
        return body;
    }

    /** What a CA does with the pending CSR: signs its key and names (plus {@code addedNames}) for {@code lifetime}. */
    static X509Certificate sign(String csrBase64, Duration lifetime, List<String> ekus, List<String> addedNames) {
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        var dnsNames = new ArrayList<>(csr.sans().dnsNames());
        dnsNames.addAll(addedNames);
        var sans = new SubjectAlternativeNames(dnsNames, csr.sans().emails(), csr.sans().upns(), csr.sans().ipAddresses());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), sans, Set.of(KeyUsage.DIGITAL_SIGNATURE), ekus, now, now.plus(lifetime), false, null);
        return CertificateIssuance.signedBy(csr.publicKey(), template, CA.intermediate(), CA.intermediateKey().getPrivate());
    }

    private String startManualCreate(String name, String keyProps) {
        return create(name, policy(keyProps, "CN=manual.team-a.example.com", "[\"manual.team-a.example.com\"]", "\"validity_months\": 1", "Unknown"))
                .statusCode(202).extract().path("csr");
    }

    private ValidatableResponse merge(String name, X509Certificate signed) {
        List<String> x5c;
        try {
            x5c = List.of(Base64.getEncoder().encodeToString(signed.getEncoded()), Base64.getEncoder().encodeToString(CA.intermediate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        return given().contentType(ContentType.JSON).body(Map.of("x5c", x5c))
                .post("/vaults/{v}/certificates/{n}/pending/merge", vault, name).then();
    }

    private void putGuardrails(String body) {
        given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/guardrails", vault).then().statusCode(200);
    }

    private ValidatableResponse create(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then();
    }

    private ValidatableResponse importCertificate(String name, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/import", vault, name).then();
    }

    private ValidatableResponse patchPolicy(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).patch("/vaults/{v}/certificates/{n}/policy", vault, name).then();
    }

    private String policyOf(String name) {
        return given().get("/vaults/{v}/certificates/{n}/policy", vault, name).then().statusCode(200).extract().asString();
    }

    private X509Certificate certificate(String name) throws Exception {
        String cer = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("cer");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
    }

    private void assertNothingStored(String name) {
        given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(404);
        given().get("/vaults/{v}/certificates?includePending=true", vault).then()
                .body("value.id.findAll { it.endsWith('/" + name + "') }", hasSize(0));
    }
}

