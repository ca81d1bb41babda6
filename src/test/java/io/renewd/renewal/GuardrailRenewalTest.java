package io.renewd.renewal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.renewal.RequestRenewal;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The renewer obtains no certificate that breaks the vault's current guardrails: the attempt
 * fails as not retryable (a person must act) naming the rule, and succeeds once the guardrails
 * allow it again.
 */
@QuarkusTest
class GuardrailRenewalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RequestRenewal requestRenewal;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aRenewalOutsideTheGuardrailsFailsForAPersonToActAndIssuesOnceAllowed() throws Exception {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "RSA", "key_size": 2048},
                         "x509_props": {"subject": "CN=web.example.com", "sans": {"dns_names": ["web.example.com"]}, "validity": "PT24H"},
                         "issuer": {"name": "Self"}}}""")
                .post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202);
        String first = currentVersion();
        given().contentType(ContentType.JSON).body("{\"min_rsa_key_size\": 3072, \"allowed_dns_names\": [\"*.internal\"]}")
                .put("/vaults/{v}/guardrails", vault).then().statusCode(200);

        assertThat(requestRenewal.execute(vault, "web", first)).isEqualTo(RequestRenewal.Outcome.REQUESTED);

        await().atMost(Duration.ofSeconds(30)).until(() -> "ForbiddenByGuardrail".equals(pending().extract().path("error.code")));
        pending().body("status", is("inProgress"))
                .body("error.message", containsString("forbidden by the guardrails of vault '" + vault + "': "
                        + "min_rsa_key_size: the certificate to issue has an RSA key of 2048 bits; this vault requires at least 3072 bits; "
                        + "allowed_dns_names: the certificate to issue names web.example.com, which no pattern allows; this vault allows only *.internal"));
        assertThat(currentVersion()).isEqualTo(first);
        var failed = TopicReader.read("renewd.certificate.failed", r -> (vault + "/web").equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(failed).isNotEmpty();
        JsonNode event = JSON.readTree(failed.getLast().value());
        assertThat(event.get("error").get("code").asText()).isEqualTo("ForbiddenByGuardrail");
        assertThat(event.get("personMustAct").asBoolean()).isTrue();

        given().delete("/vaults/{v}/guardrails", vault).then().statusCode(200);
        TestClock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> !currentVersion().equals(first));
        pending().body("status", is("completed"));
    }

    private String currentVersion() {
        String id = given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private ValidatableResponse pending() {
        return given().get("/vaults/{v}/certificates/web/pending", vault).then().statusCode(200);
    }
}
