package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Smaller shapes Key Vault clients rely on: a deleted certificate that never got a version is still a
 * DeletedCertificateBundle (recoveryId, deletedDate, scheduledPurgeDate, attributes); the operation's issuer carries
 * {@code cert_transparency} as given; members that newer API versions define are accepted under those versions.
 */
@QuarkusTest
class CertificateShapesApiTest {

    private static final String UNKNOWN = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=shape.example.com"},
             "issuer": {"name": "Unknown", "cert_transparency": %s}}}""";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void aDeletedCertificateThatNeverGotAVersionIsAWholeDeletedCertificateBundle() {
        String operation = given().contentType(ContentType.JSON).body(UNKNOWN.formatted("false"))
                .post("/vaults/{v}/certificates/never/create", vault).then().statusCode(202).extract().path("id");
        String recoveryId = operation.replace("/certificates/never/pending", "/deletedcertificates/never");
        given().delete("/vaults/{v}/certificates/never", vault).then().statusCode(200)
                .body("recoveryId", equalTo(recoveryId))
                .body("deletedDate", notNullValue()).body("scheduledPurgeDate", notNullValue())
                .body("attributes.enabled", equalTo(false))
                .body("attributes.recoveryLevel", notNullValue()).body("attributes.recoverableDays", notNullValue())
                .body("attributes.created", notNullValue()).body("attributes.updated", notNullValue());
        given().get("/vaults/{v}/deletedcertificates/never", vault).then().statusCode(200)
                .body("recoveryId", equalTo(recoveryId))
                .body("deletedDate", notNullValue()).body("scheduledPurgeDate", notNullValue())
                .body("attributes.recoveryLevel", notNullValue());
        // Listed only with includePending, as Key Vault lists certificates that were never completely provisioned.
        given().get("/vaults/{v}/deletedcertificates?includePending=true", vault).then().statusCode(200)
                .body("value[0].recoveryId", equalTo(recoveryId))
                .body("value[0].attributes.recoveryLevel", notNullValue());
    }

    @ParameterizedTest(name = "cert_transparency={0}")
    @ValueSource(booleans = {true, false})
    void theOperationsIssuerCarriesCertTransparencyAsGiven(boolean transparency) {
        given().contentType(ContentType.JSON).body(UNKNOWN.formatted(transparency))
                .post("/vaults/{v}/certificates/ct/create", vault).then().statusCode(202)
                .body("issuer.name", equalTo("Unknown")).body("issuer.cert_transparency", equalTo(transparency));
        given().get("/vaults/{v}/certificates/ct/pending", vault).then().statusCode(200)
                .body("issuer.cert_transparency", equalTo(transparency));
    }

    @ParameterizedTest(name = "api-version={0}")
    @ValueSource(strings = {"7.6", "2025-07-01"})
    void membersNewerVersionsDefineAreAcceptedUnderThem(String version) {
        var chain = TestCertificates.validChain("CN=newer.example.com", new KeySpec.Ec(Curve.P_256));
        given().contentType(ContentType.JSON).queryParam("api-version", version)
                .body(Map.of("value", chain.pfxBase64("p"), "pwd", "p", "preserveCertOrder", false))
                .post("/vaults/{v}/certificates/imported/import", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).queryParam("api-version", version)
                .body(UNKNOWN.formatted("false").replaceFirst("}$", ", \"preserveCertOrder\": false}"))
                .post("/vaults/{v}/certificates/created/create", vault).then().statusCode(202);
    }
}
