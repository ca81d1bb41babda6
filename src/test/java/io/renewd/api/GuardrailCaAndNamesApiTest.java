package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.PemCodec;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * Guardrails allow_ca, allowed_ekus and allowed_san_types (issue 12 item 1): a vault that set
 * guardrails refuses CA certificates unless it allows them, and EKUs and SAN types it does not
 * list; a vault that set none keeps Key Vault's behaviour. Restores are judged too (item 5).
 */
@QuarkusTest
class GuardrailCaAndNamesApiTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";

    private String vault;

    @BeforeEach
    void freshVault() {
        vault = TestVaults.create();
    }

    @Test
    void aVaultWithoutGuardrailsKeepsSelfSignedCasAndImportedCas() {
        create("root-ca", "{\"subject\": \"CN=Root\", \"key_usage\": [\"keyCertSign\"], \"validity_months\": 12}").then().statusCode(202);
        importCa("imported-ca").then().statusCode(200);
    }

    @Test
    void aVaultWithGuardrailsRefusesCaCertificatesUnlessItAllowsThem() {
        guardrails("{\"min_rsa_key_size\": 2048}").then().statusCode(200).body("allow_ca", is(false));
        create("root-ca", "{\"subject\": \"CN=Root\", \"key_usage\": [\"keyCertSign\"], \"validity_months\": 12}").then().statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail")).body("error.message", containsString("allow_ca"));
        importCa("imported-ca").then().statusCode(400).body("error.message", containsString("allow_ca"));
        given().get("/vaults/{v}/certificates/root-ca", vault).then().statusCode(404);
        given().get("/vaults/{v}/certificates/imported-ca", vault).then().statusCode(404);

        guardrails("{\"allow_ca\": true}").then().statusCode(200).body("allow_ca", is(true));
        create("root-ca", "{\"subject\": \"CN=Root\", \"key_usage\": [\"keyCertSign\"], \"validity_months\": 12}").then().statusCode(202);
    }

    @Test
    void allowedEkusAndSanTypesRefuseSmartCardCertificatesWithUpns() {
        guardrails("{\"allowed_ekus\": [\"serverAuth\", \"1.3.6.1.5.5.7.3.2\"], \"allowed_san_types\": [\"dns\"]}").then().statusCode(200)
                .body("allowed_ekus", contains("1.3.6.1.5.5.7.3.1", CLIENT_AUTH)).body("allowed_san_types", contains("dns"));
        create("card", "{\"subject\": \"CN=ceo\", \"ekus\": [\"" + CLIENT_AUTH + "\", \"" + SMART_CARD_LOGON + "\"], \"validity_months\": 1}")
                .then().statusCode(400).body("error.message", allOf(containsString("allowed_ekus"), containsString(SMART_CARD_LOGON)));
        create("upn", "{\"subject\": \"CN=ceo\", \"sans\": {\"upns\": [\"ceo@corp.example\"]}, \"ekus\": [\"" + CLIENT_AUTH + "\"], \"validity_months\": 1}")
                .then().statusCode(400).body("error.message", allOf(containsString("allowed_san_types"), containsString("upn")));
        create("web", "{\"subject\": \"CN=web\", \"sans\": {\"dns_names\": [\"web.example.com\"]}, \"ekus\": [\"" + CLIENT_AUTH + "\"], \"validity_months\": 1}")
                .then().statusCode(202);

        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        String card = pem(key, "CN=ceo", new SubjectAlternativeNames(null, null, List.of("ceo@corp.example"), null), Set.of(KeyUsage.DIGITAL_SIGNATURE),
                List.of(CLIENT_AUTH, SMART_CARD_LOGON));
        given().contentType(ContentType.JSON).body(Map.of("value", card)).post("/vaults/{v}/certificates/card/import", vault).then().statusCode(400)
                .body("error.message", allOf(containsString("allowed_ekus"), containsString("allowed_san_types")));
        given().get("/vaults/{v}/certificates/card", vault).then().statusCode(404);
    }

    @Test
    void badNewMembersAreRefused() {
        guardrails("{\"allowed_ekus\": [\"notAnEku\"]}").then().statusCode(400).body("error.message", containsString("notAnEku"));
        guardrails("{\"allowed_san_types\": [\"uri\"]}").then().statusCode(400).body("error.message", containsString("uri"));
        guardrails("{\"allow_ca\": \"yes\"}").then().statusCode(400).body("error.message", containsString("allow_ca"));
    }

    @Test
    void aRestoreIsJudgedByTheTargetVaultsGuardrailsAndNamedInTheAudit() {
        create("root-ca", "{\"subject\": \"CN=Root\", \"key_usage\": [\"keyCertSign\"], \"validity_months\": 12}").then().statusCode(202);
        String blob = given().post("/vaults/{v}/certificates/root-ca/backup", vault).then().statusCode(200).extract().path("value");

        String strict = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"max_validity\": \"P90D\"}").put("/vaults/{v}/guardrails", strict).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("value", blob)).post("/vaults/{v}/certificates/restore", strict).then().statusCode(400)
                .body("error.code", is("ForbiddenByGuardrail")).body("error.message", allOf(containsString("allow_ca"), containsString("max_validity")));
        given().get("/vaults/{v}/certificates/root-ca", strict).then().statusCode(404);
        List<Map<String, Object>> entries = given().get("/vaults/{v}/audit?from={f}", strict, "2000-01-01T00:00:00Z").then().statusCode(200)
                .extract().path("value");
        org.assertj.core.api.Assertions.assertThat(entries).anySatisfy(e -> org.assertj.core.api.Assertions.assertThat(e)
                .containsEntry("operation", "restoreCertificate").containsEntry("object", "root-ca").containsEntry("status", 400));
    }

    @Test
    void aRestoreOfAPolicyNamingASigningIssuerNeedsCreate() {
        create("root-ca", "{\"subject\": \"CN=Root\", \"key_usage\": [\"keyCertSign\"], \"validity_months\": 12}").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"root-ca\"}}")
                .put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("policy", Map.of("key_props", Map.of("kty", "EC", "crv", "P-256"),
                        "x509_props", Map.of("subject", "CN=svc", "validity", "PT24H"), "issuer", Map.of("name", "team-ca"))))
                .post("/vaults/{v}/certificates/svc/create", vault).then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/svc/pending", vault).then().extract().path("status")));
        String blob = given().post("/vaults/{v}/certificates/svc/backup", vault).then().statusCode(200).extract().path("value");
        given().delete("/vaults/{v}/certificates/svc", vault).then().statusCode(200);
        given().delete("/vaults/{v}/deletedcertificates/svc", vault).then().statusCode(204);

        given().contentType(ContentType.JSON).body("{\"permissions\": [\"restore\", \"get\"]}")
                .put("/vaults/{v}/accessPolicies/user/restorer", vault).then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.token("restorer", List.of())).contentType(ContentType.JSON)
                .body(Map.of("value", blob)).post("/vaults/{v}/certificates/restore", vault).then().statusCode(403)
                .body("error.message", allOf(containsString("'create'"), containsString("team-ca")));
        given().get("/vaults/{v}/certificates/svc", vault).then().statusCode(404);
    }

    private io.restassured.response.Response guardrails(String body) {
        return given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/guardrails", vault);
    }

    private io.restassured.response.Response create(String name, String x509) {
        return given().contentType(ContentType.JSON).body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": "
                + x509 + "}}").post("/vaults/{v}/certificates/{n}/create", vault, name);
    }

    private io.restassured.response.Response importCa(String name) {
        KeyPair key = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        String ca = pem(key, "CN=Imported CA", SubjectAlternativeNames.NONE, Set.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN), List.of());
        return given().contentType(ContentType.JSON).body(Map.of("value", ca)).post("/vaults/{v}/certificates/{n}/import", vault, name);
    }

    private static String pem(KeyPair key, String subject, SubjectAlternativeNames sans, Set<KeyUsage> usage, List<String> ekus) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        boolean ca = usage.contains(KeyUsage.KEY_CERT_SIGN);
        var template = new CertificateTemplate(subject, sans, usage, ekus, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), ca, null);
        return PemCodec.write(new CertificateBundle(CertificateIssuance.selfSigned(key, template), List.of(), key.getPrivate()));
    }
}
