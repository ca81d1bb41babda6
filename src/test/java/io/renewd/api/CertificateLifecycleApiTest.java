package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CertificateLifecycleApiTest {

    static final String SELF_POLICY = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": true},
                        "secret_props": {"contentType": "application/x-pem-file"},
                        "x509_props": {"subject": "CN=web.example.com", "sans": {"dns_names": ["web.example.com", "www.example.com"]},
                                       "validity_months": 3},
                        "issuer": {"name": "Self"}},
             "tags": {"team": "web"}}""";
    static final String UNKNOWN_POLICY = """
            {"policy": {"x509_props": {"subject": "CN=manual.example.com"}, "issuer": {"name": "Unknown"}}}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).body("{\"softDeleteRetentionInDays\": 7}").put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void selfSignedCreateCompletesAndTheCertificateIsReadable() throws Exception {
        create("web", SELF_POLICY).statusCode(202)
                .body("status", is("completed"))
                .body("issuer.name", is("Self"))
                .body("id", endsWith("/vaults/" + vault + "/certificates/web/pending"));

        var bundle = get("web").statusCode(200)
                .body("id", containsString("/vaults/" + vault + "/certificates/web/"))
                .body("kid", containsString("/keys/web/"))
                .body("sid", containsString("/secrets/web/"))
                .body("x5t", notNullValue())
                .body("contentType", is("application/x-pem-file"))
                .body("attributes.enabled", is(true))
                .body("attributes.recoveryLevel", is("CustomizedRecoverable+Purgeable"))
                .body("attributes.recoverableDays", is(7))
                .body("tags.team", is("web"))
                .body("policy.key_props.kty", is("EC"))
                .body("policy.key_props.crv", is("P-256"))
                .body("policy.x509_props.validity_months", is(3))
                .body("policy.lifetime_actions[0].trigger.lifetime_percentage", is(80))
                .body("policy.lifetime_actions[0].action.action_type", is("AutoRenew"))
                .extract();

        X509Certificate certificate = parse(bundle.path("cer"));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=web.example.com");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList()).containsExactlyInAnyOrder("web.example.com", "www.example.com");
        certificate.verify(certificate.getPublicKey());
        assertThat(bundle.<Integer>path("attributes.nbf")).isEqualTo((int) certificate.getNotBefore().toInstant().getEpochSecond());
        assertThat(bundle.<Integer>path("attributes.exp")).isEqualTo((int) certificate.getNotAfter().toInstant().getEpochSecond());
        assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plusSeconds(80L * 86400));
    }

    @Test
    void eachCreateMakesANewVersionListedNewestFirstWithPaging() {
        create("api", SELF_POLICY).statusCode(202);
        String first = get("api").extract().path("id");
        create("api", "{}").statusCode(202).body("status", is("completed"));
        String second = get("api").extract().path("id");
        assertThat(second).isNotEqualTo(first);

        var page = given().get("/vaults/{v}/certificates/api/versions?maxresults=1", vault).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", is(second)).body("nextLink", notNullValue()).extract();
        given().urlEncodingEnabled(false).get(relative(page.path("nextLink"))).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", is(first)).body("nextLink", nullValue());

        String firstVersion = first.substring(first.lastIndexOf('/') + 1);
        given().get("/vaults/{v}/certificates/api/{ver}", vault, firstVersion).then().statusCode(200).body("id", is(first));
    }

    @Test
    void listingPagesThroughCertificatesByName() {
        for (String name : new String[]{"c-1", "c-2", "c-3"}) {
            create(name, SELF_POLICY).statusCode(202);
        }
        var page = given().get("/vaults/{v}/certificates?maxresults=2&api-version=7.4", vault).then().statusCode(200)
                .body("value.id", hasSize(2)).body("nextLink", containsString("?api-version=7.4&$skiptoken=")).extract();
        given().urlEncodingEnabled(false).get(relative(page.path("nextLink"))).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", endsWith("/certificates/c-3")).body("nextLink", nullValue());

        given().get("/vaults/{v}/certificates?maxresults=26", vault).then().statusCode(400)
                .body("error.message", containsString("maxresults 26 is out of range: 1 to 25"));
    }

    @Test
    void unknownIssuerCreateReturnsACsrAndWaitsForAMerge() throws Exception {
        create("manual", UNKNOWN_POLICY).statusCode(202)
                .body("status", is("inProgress"))
                .body("issuer.name", is("Unknown"))
                .body("csr", notNullValue());

        given().get("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(200)
                .body("status", is("inProgress")).body("status_details", containsString("merge"));
        given().get("/vaults/{v}/certificates/manual/policy", vault).then().statusCode(200)
                .body("lifetime_actions[0].action.action_type", is("EmailContacts"));
        given().get("/vaults/{v}/certificates", vault).then().body("value", hasSize(0));
        given().get("/vaults/{v}/certificates?includePending=true", vault).then().body("value", hasSize(1));

        create("manual", UNKNOWN_POLICY).statusCode(409).body("error.code", is("Conflict"));
    }

    @Test
    void cancellingAndDeletingAWaitingOperation() {
        create("manual", UNKNOWN_POLICY).statusCode(202);

        given().contentType(ContentType.JSON).body("{\"cancellation_requested\": true}")
                .patch("/vaults/{v}/certificates/manual/pending", vault).then()
                .statusCode(200).body("status", is("cancelled")).body("cancellation_requested", is(true));
        given().delete("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(200).body("status", is("cancelled"));
        given().get("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(404).body("error.code", is("PendingCertificateNotFound"));
        create("manual", UNKNOWN_POLICY).statusCode(202).body("status", is("inProgress"));
    }

    @Test
    void policyPatchChangesOnlyWhatIsSentAndBadPatchesChangeNothing() {
        create("p", SELF_POLICY).statusCode(202);

        patchPolicy("p", "{\"x509_props\": {\"validity_months\": 6}, \"lifetime_actions\": [{\"trigger\": {\"days_before_expiry\": 30}, \"action\": {\"action_type\": \"AutoRenew\"}}]}")
                .statusCode(200)
                .body("x509_props.validity_months", is(6))
                .body("x509_props.subject", is("CN=web.example.com"))
                .body("key_props.crv", is("P-256"))
                .body("lifetime_actions[0].trigger.days_before_expiry", is(30));

        patchPolicy("p", "{\"lifetime_actions\": [{\"trigger\": {\"days_before_expiry\": 200}, \"action\": {\"action_type\": \"AutoRenew\"}}]}")
                .statusCode(400).body("error.message", containsString("days_before_expiry 200 is too large"));
        patchPolicy("p", "{\"issuer\": {\"name\": \"Unknown\"}}")
                .statusCode(400).body("error.message", containsString("AutoRenew is not possible with issuer Unknown"));
        patchPolicy("p", "{\"issuer\": {\"name\": \"missing-ca\"}}")
                .statusCode(400).body("error.message", containsString("issuer 'missing-ca' does not exist"));

        given().get("/vaults/{v}/certificates/p/policy", vault).then()
                .body("lifetime_actions[0].trigger.days_before_expiry", is(30)).body("issuer.name", is("Self"));
    }

    @Test
    void updatingAttributesAndTagsOfAVersion() {
        create("t", SELF_POLICY).statusCode(202);

        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}, \"tags\": {\"env\": \"prod\"}}")
                .patch("/vaults/{v}/certificates/t/", vault).then()
                .statusCode(200).body("attributes.enabled", is(false)).body("tags.env", is("prod")).body("tags.team", nullValue());
        get("t").body("attributes.enabled", is(false));
    }

    @Test
    void softDeleteKeepsTheNameUntilRecoveredOrPurged() {
        create("gone", SELF_POLICY).statusCode(202);

        given().delete("/vaults/{v}/certificates/gone", vault).then().statusCode(200)
                .body("recoveryId", endsWith("/vaults/" + vault + "/deletedcertificates/gone"))
                .body("deletedDate", notNullValue())
                .body("scheduledPurgeDate", notNullValue());
        get("gone").statusCode(404).body("error.code", is("CertificateNotFound"));
        create("gone", SELF_POLICY).statusCode(409).body("error.code", is("ObjectIsDeletedButRecoverable"));
        given().get("/vaults/{v}/deletedcertificates", vault).then().statusCode(200).body("value[0].recoveryId", endsWith("/deletedcertificates/gone"));
        given().get("/vaults/{v}/deletedcertificates/gone", vault).then().statusCode(200).body("x5t", notNullValue());

        given().post("/vaults/{v}/deletedcertificates/gone/recover", vault).then().statusCode(200).body("recoveryId", nullValue());
        get("gone").statusCode(200);

        given().delete("/vaults/{v}/certificates/gone", vault).then().statusCode(200);
        given().delete("/vaults/{v}/deletedcertificates/gone", vault).then().statusCode(204);
        given().get("/vaults/{v}/deletedcertificates/gone", vault).then().statusCode(404);
        create("gone", SELF_POLICY).statusCode(202);
    }

    @Test
    void purgeIsRefusedUnderPurgeProtection() {
        given().contentType(ContentType.JSON).body("{\"enablePurgeProtection\": true}").put("/vaults/{v}", vault).then().statusCode(200);
        create("kept", SELF_POLICY).statusCode(202);
        given().delete("/vaults/{v}/certificates/kept", vault).then().statusCode(200);

        given().delete("/vaults/{v}/deletedcertificates/kept", vault).then()
                .statusCode(403).body("error.code", is("Forbidden")).body("error.message", containsString("purge protection"));
        given().get("/vaults/{v}/deletedcertificates/kept", vault).then().statusCode(200);
    }

    @Test
    void aVaultWithCertificatesCannotBeDeleted() {
        create("x", SELF_POLICY).statusCode(202);

        given().delete("/vaults/{v}", vault).then().statusCode(409).body("error.code", is("VaultNotEmpty"));
    }

    @Test
    void createNeedsAPolicyTheFirstTime() {
        create("nopolicy", "{}").statusCode(400).body("error.message", containsString("a policy is required"));
        create("bad name!", SELF_POLICY).statusCode(400);
        create("bad_name", SELF_POLICY).statusCode(400).body("error.message", containsString("certificate name 'bad_name' is not valid"));
        given().get("/vaults/{v}/certificates?includePending=true", vault).then().body("value", hasSize(0));
    }

    private ValidatableResponse create(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then();
    }

    private ValidatableResponse get(String name) {
        return given().get("/vaults/{v}/certificates/{n}", vault, name).then();
    }

    private ValidatableResponse patchPolicy(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).patch("/vaults/{v}/certificates/{n}/policy", vault, name).then();
    }

    static String relative(String link) {
        return link.replaceFirst("^https?://[^/]+", "");
    }

    static X509Certificate parse(String base64Der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
    }
}
