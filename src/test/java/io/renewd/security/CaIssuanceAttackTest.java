package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.PemCodec;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Issue 12 item 1, as a hostile vault user tries it: a vault's internal CA must never sign a CA
 * (or a client/smart-card certificate) for someone who may only import, and signs CAs at all only
 * when an Administrator allowed it on the issuer, with a path length.
 */
@QuarkusTest
class CaIssuanceAttackTest {

    private static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @Inject
    SweepDueActions sweep;

    private String vault;

    @BeforeEach
    void vaultWithAnInternalCa() {
        vault = TestVaults.create();
        // A self-signed root made with issuer Self stays possible (Key Vault allows it; it is how users make their CA).
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=Team Root CA", "key_usage": ["keyCertSign", "cRLSign"], "validity_months": 60}}}""")
                .post("/vaults/{v}/certificates/root-ca/create", vault).then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void anImportOnlyUserCannotHaveTheVaultCaSignItsKeyAsACa() {
        String importer = user("importer", "{\"permissions\": [\"import\", \"get\"]}");
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        String pem = selfSigned(key, "CN=Evil Intermediate", SubjectAlternativeNames.NONE, Set.of(KeyUsage.KEY_CERT_SIGN), List.of());

        given().header("Authorization", importer).contentType(ContentType.JSON).body(Map.of("value", pem, "policy", Map.of(
                        "key_props", Map.of("kty", "EC", "crv", "P-256", "reuse_key", true),
                        "x509_props", Map.of("subject", "CN=Evil Intermediate", "key_usage", List.of("keyCertSign")),
                        "lifetime_actions", List.of(Map.of("trigger", Map.of("lifetime_percentage", 80), "action", Map.of("action_type", "AutoRenew"))),
                        "issuer", Map.of("name", "team-ca"))))
                .post("/vaults/{v}/certificates/evil/import", vault).then().statusCode(403)
                .body("error.message", allOf(containsString("'create'"), containsString("team-ca")));
        given().get("/vaults/{v}/certificates/evil", vault).then().statusCode(404);

        // reuse_key alone (issuer Unknown) needs create too: it would keep the imported key for versions renewd makes.
        given().header("Authorization", importer).contentType(ContentType.JSON).body(Map.of("value", pem, "policy", Map.of(
                        "key_props", Map.of("kty", "EC", "crv", "P-256", "reuse_key", true),
                        "x509_props", Map.of("subject", "CN=Evil Intermediate", "key_usage", List.of("keyCertSign")))))
                .post("/vaults/{v}/certificates/evil/import", vault).then().statusCode(403)
                .body("error.message", allOf(containsString("'create'"), containsString("reuse_key")));
        given().get("/vaults/{v}/certificates/evil", vault).then().statusCode(404);
    }

    @ParameterizedTest(name = "provider {0}")
    @ValueSource(strings = {"Test", "Self", "self"})
    void anImportOnlyUserCannotNameAnIssuerOfAProviderRenewdHasNoAdapterFor(String provider) {
        // Any provider name is stored (Key Vault parity): naming such an issuer is still naming an issuer, which needs create.
        given().contentType(ContentType.JSON).body(Map.of("provider", provider))
                .put("/vaults/{v}/certificates/issuers/partner", vault).then().statusCode(200);
        String importer = user("importer", "{\"permissions\": [\"import\", \"get\"]}");
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        String pem = selfSigned(key, "CN=partner-made", SubjectAlternativeNames.NONE, Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of());

        given().header("Authorization", importer).contentType(ContentType.JSON).body(Map.of("value", pem, "policy", Map.of(
                        "key_props", Map.of("kty", "EC", "crv", "P-256"),
                        "x509_props", Map.of("subject", "CN=partner-made"),
                        "issuer", Map.of("name", "partner"))))
                .post("/vaults/{v}/certificates/partner-made/import", vault).then().statusCode(403)
                .body("error.message", allOf(containsString("'create'"), containsString("partner")));
        given().get("/vaults/{v}/certificates/partner-made", vault).then().statusCode(404);
    }

    @Test
    void anImportOnlyUserCannotHaveTheVaultCaSignASmartCardLogonCertificate() {
        String importer = user("importer", "{\"permissions\": [\"import\", \"get\"]}");
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        var upn = new SubjectAlternativeNames(null, null, List.of("ceo@corp.example"), null);
        String pem = selfSigned(key, "CN=ceo", upn, Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(CLIENT_AUTH, SMART_CARD_LOGON));

        given().header("Authorization", importer).contentType(ContentType.JSON).body(Map.of("value", pem, "policy", Map.of(
                        "key_props", Map.of("kty", "EC", "crv", "P-256"),
                        "x509_props", Map.of("subject", "CN=ceo", "sans", Map.of("upns", List.of("ceo@corp.example")),
                                "ekus", List.of(CLIENT_AUTH, SMART_CARD_LOGON), "validity_months", 1),
                        "lifetime_actions", List.of(Map.of("trigger", Map.of("lifetime_percentage", 80), "action", Map.of("action_type", "AutoRenew"))),
                        "issuer", Map.of("name", "team-ca"))))
                .post("/vaults/{v}/certificates/ceo/import", vault).then().statusCode(403)
                .body("error.message", containsString("'create'"));
        given().get("/vaults/{v}/certificates/ceo", vault).then().statusCode(404);

        // A policy update is no way round: update alone may not point an imported certificate at the vault's CA.
        String updater = user("updater", "{\"permissions\": [\"import\", \"get\", \"update\"]}");
        given().header("Authorization", updater).contentType(ContentType.JSON).body(Map.of("value", pem)).post("/vaults/{v}/certificates/ceo/import", vault)
                .then().statusCode(200);
        given().header("Authorization", updater).contentType(ContentType.JSON).body(Map.of("issuer", Map.of("name", "team-ca"),
                        "lifetime_actions", List.of(Map.of("trigger", Map.of("lifetime_percentage", 80), "action", Map.of("action_type", "AutoRenew")))))
                .patch("/vaults/{v}/certificates/ceo/policy", vault).then().statusCode(403).body("error.message", containsString("'create'"));
        given().get("/vaults/{v}/certificates/ceo/policy", vault).then().statusCode(200).body("issuer.name", is("Unknown"));
    }

    @Test
    void anOfficerCannotGetACaCertificateFromACaIssuerThatDoesNotAllowIt() throws Exception {
        String officer = user("officer", "{\"roles\": [\"Certificate Officer\"]}");
        given().header("Authorization", officer).contentType(ContentType.JSON).body(policy("team-ca", "[\"keyCertSign\", \"cRLSign\"]"))
                .post("/vaults/{v}/certificates/sub-ca/create", vault).then().statusCode(400)
                .body("error.message", allOf(containsString("team-ca"), containsString("allow_ca")));
        given().get("/vaults/{v}/certificates/sub-ca", vault).then().statusCode(404);

        // An end-entity certificate from the same issuer says CA:false, critically.
        given().header("Authorization", officer).contentType(ContentType.JSON).body(policy("team-ca", "[\"digitalSignature\"]"))
                .post("/vaults/{v}/certificates/leaf/create", vault).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(pending("leaf").extract().path("status")));
        X509Certificate leaf = certificate("leaf");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19");
    }

    @Test
    void onlyAVaultAdministratorMayLetACaIssuerSignCasAndThenWithAPathLength() throws Exception {
        String officer = user("officer", "{\"roles\": [\"Certificate Officer\"]}");
        given().header("Authorization", officer).contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\", \"allow_ca\": true, \"max_path_length\": 0}}")
                .put("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(403)
                .body("error.message", allOf(containsString("allow_ca"), containsString("Administrator")));
        given().header("Authorization", officer).contentType(ContentType.JSON)
                .body("{\"ca\": {\"allow_ca\": true, \"max_path_length\": 0}}")
                .patch("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(403)
                .body("error.message", containsString("allow_ca"));
        given().get("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200).body("ca.allow_ca", is(false));

        String administrator = user("vault-admin", "{\"roles\": [\"Administrator\"]}");
        given().header("Authorization", administrator).contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\", \"allow_ca\": true}}")
                .put("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(400)
                .body("error.message", containsString("max_path_length"));
        given().header("Authorization", administrator).contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\", \"allow_ca\": true, \"max_path_length\": 0}}")
                .put("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200)
                .body("ca.allow_ca", is(true)).body("ca.max_path_length", is(0));
        // The officer may still change what is not the CA rule, and the rule stays.
        given().header("Authorization", officer).contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": true}}")
                .patch("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200).body("ca.allow_ca", is(true));

        given().header("Authorization", officer).contentType(ContentType.JSON).body(policy("sub-issuer", "[\"keyCertSign\", \"cRLSign\"]"))
                .post("/vaults/{v}/certificates/sub-ca/create", vault).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(pending("sub-ca").extract().path("status")));
        X509Certificate subCa = certificate("sub-ca");
        assertThat(subCa.getBasicConstraints()).as("a CA with pathLenConstraint 0").isEqualTo(0);
        subCa.verify(certificate("root-ca").getPublicKey());

        // Anyone with setissuers may turn CA issuance off again; a renewal of the CA then fails for a person to act, never re-signing it.
        given().header("Authorization", officer).contentType(ContentType.JSON).body("{\"ca\": {\"allow_ca\": false}}")
                .patch("/vaults/{v}/certificates/issuers/sub-issuer", vault).then().statusCode(200)
                .body("ca.allow_ca", is(false)).body("ca", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("max_path_length")));
        String issuedVersion = given().get("/vaults/{v}/certificates/sub-ca", vault).then().extract().path("id");
        TestClock.advance(Duration.ofHours(20));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "CaIssuanceNotAllowed".equals(pending("sub-ca").extract().path("error.code")));
        pending("sub-ca").body("error.message", containsString("allow_ca"));
        assertThat(given().get("/vaults/{v}/certificates/sub-ca", vault).then().extract().<String>path("id")).isEqualTo(issuedVersion);

        // A signer with path length 0 never signs a CA, whatever its issuer says.
        given().header("Authorization", administrator).contentType(ContentType.JSON)
                .body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"sub-ca\", \"allow_ca\": true, \"max_path_length\": 0}}")
                .put("/vaults/{v}/certificates/issuers/under-sub", vault).then().statusCode(400)
                .body("error.message", containsString("path length 0"));
    }

    @Test
    void theRenewerChecksAgainThatWhoeverSetTheSigningPolicyStillMayCreate() {
        String officer = user("officer", "{\"permissions\": [\"import\", \"get\", \"create\"]}");
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        String pem = selfSigned(key, "CN=svc.internal", new SubjectAlternativeNames(List.of("svc.internal"), null, null, null),
                Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of());
        given().header("Authorization", officer).contentType(ContentType.JSON).body(Map.of("value", pem, "policy", Map.of(
                        "key_props", Map.of("kty", "EC", "crv", "P-256"),
                        "x509_props", Map.of("subject", "CN=svc.internal", "sans", Map.of("dns_names", List.of("svc.internal")), "validity", "PT24H"),
                        "lifetime_actions", List.of(Map.of("trigger", Map.of("lifetime_percentage", 80), "action", Map.of("action_type", "AutoRenew"))),
                        "issuer", Map.of("name", "team-ca"))))
                .post("/vaults/{v}/certificates/svc/import", vault).then().statusCode(200);
        // The officer loses create before the renewal falls due.
        user("officer", "{\"permissions\": [\"import\", \"get\"]}");

        TestClock.advance(Duration.ofHours(20));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/vaults/{v}/certificates/{n}/pending", vault, "svc")
                .then().extract().path("error.code") != null);
        pending("svc").body("error.code", is("SigningNotAuthorized")).body("error.message", allOf(containsString("officer"), containsString("'create'")));
        assertThat(given().get("/vaults/{v}/certificates/svc/versions", vault).then().statusCode(200).extract().<List<?>>path("value")).hasSize(1);
    }

    private String user(String name, String policy) {
        given().contentType(ContentType.JSON).body(policy).put("/vaults/{v}/accessPolicies/user/{u}", vault, name).then().statusCode(200);
        return "Bearer " + TestTokens.token(name, List.of());
    }

    private static String policy(String issuer, String keyUsage) {
        return """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                 "x509_props": {"subject": "CN=made-here", "key_usage": %s, "validity": "PT24H"},
                 "issuer": {"name": "%s"}}}""".formatted(keyUsage, issuer);
    }

    private static String selfSigned(KeyPair key, String subject, SubjectAlternativeNames sans, Set<KeyUsage> usage, List<String> ekus) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(subject, sans, usage, ekus, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(23)),
                false, null);
        X509Certificate certificate = CertificateIssuance.selfSigned(key, template);
        return PemCodec.write(new CertificateBundle(certificate, List.of(), key.getPrivate()));
    }

    private ValidatableResponse pending(String name) {
        return given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200);
    }

    private X509Certificate certificate(String name) throws Exception {
        String cer = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("cer");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cer)));
    }
}
