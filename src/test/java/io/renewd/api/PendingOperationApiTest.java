package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** A certificate's pending operation after it ended: Key Vault's cancellation is best effort. */
@QuarkusTest
class PendingOperationApiTest {

    private static final String CANCEL = "{\"cancellation_requested\": true}";

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void cancellingAnOperationThatAlreadyCompletedAnswersItUnchanged() {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202).body("status", is("completed"));

        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/web/pending", vault).then().statusCode(200)
                .body("status", is("completed")).body("cancellation_requested", is(false));
        given().get("/vaults/{v}/certificates/web/pending", vault).then().statusCode(200)
                .body("status", is("completed")).body("cancellation_requested", is(false));
    }

    @Test
    void cancellingTwiceAnswersTheCancelledOperationAgain() {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .post("/vaults/{v}/certificates/manual/create", vault).then().statusCode(202);

        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(200)
                .body("status", is("cancelled")).body("cancellation_requested", is(true));
        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(200)
                .body("status", is("cancelled")).body("cancellation_requested", is(true));
    }

    @Test
    void aLateCancelIsAuditedAsACancelThatChangedNothing() {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202).body("status", is("completed"));
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .post("/vaults/{v}/certificates/manual/create", vault).then().statusCode(202);

        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/web/pending", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/manual/pending", vault).then().statusCode(200);

        List<Map<String, Object>> entries = given().get("/vaults/{v}/audit?from={f}&to={t}", vault, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().statusCode(200).extract().path("value");
        assertThat(entries)
                .anySatisfy(e -> assertThat(e).containsEntry("operation", "updateCertificateOperation").containsEntry("object", "manual")
                        .containsEntry("outcome", "succeeded").containsEntry("status", 200).containsEntry("details", "cancellation requested"))
                .anySatisfy(e -> assertThat(e).containsEntry("operation", "updateCertificateOperation").containsEntry("object", "web")
                        .containsEntry("outcome", "succeeded").containsEntry("status", 200)
                        .containsEntry("details", "cancellation requested after the operation ended (completed): nothing changed"));
    }

    @Test
    void cancellingWhereThereIsNoOperationIsNotFound() {
        given().contentType(ContentType.JSON).body(CANCEL).patch("/vaults/{v}/certificates/nothing-here/pending", vault).then()
                .statusCode(404).body("error.code", is("CertificateNotFound"));
    }
}
