package io.renewd.renewal;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** AutoRenew with reuse_key keeps a non-exportable key non-exportable, whatever the policy came to say. */
@QuarkusTest
class NonExportableRenewalTest {

    @Inject
    SweepDueActions sweep;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aRenewalThatReusesANonExportableKeyDoesNotExportIt() throws Exception {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": false, "reuse_key": true},
                         "secret_props": {"contentType": "application/x-pem-file"},
                         "x509_props": {"subject": "CN=locked.example.com", "validity": "PT24H"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}]}}""")
                .post("/vaults/{v}/certificates/locked/create", vault).then().statusCode(202);
        // A policy saying exportable over the non-exportable key, as renewd let one be set before.
        try (var connection = dataSource.getConnection(); var update = connection.createStatement()) {
            assertThat(update.executeUpdate("update certificate set policy = jsonb_set(policy, '{key,exportable}', 'true') "
                    + "where vault = '" + vault + "' and policy->'key'->>'exportable' = 'false'")).isOne();
        }

        TestClock.advance(Duration.ofHours(20));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(vault).size() == 2);

        given().get("/vaults/{v}/certificates/locked/pending", vault).then().body("status", is("completed"));
        for (String id : versions(vault)) {
            given().get("/vaults/{v}/secrets/locked/{version}", vault, id.substring(id.lastIndexOf('/') + 1)).then().statusCode(200)
                    .body("contentType", is("application/x-pem-file")).body("value", not(containsString("PRIVATE KEY")));
        }
    }

    private static List<String> versions(String vault) {
        return given().get("/vaults/{v}/certificates/locked/versions", vault).then().statusCode(200).extract().path("value.id");
    }
}
