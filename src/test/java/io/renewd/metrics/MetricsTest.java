package io.renewd.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class MetricsTest {

    @Inject
    RenewdMetrics metrics;

    @Test
    void theScrapeShowsEachCertificatesExpiryAndRenewalDueTimeAndTheBacklogs() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON)
                .body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=metered\", \"validity\": \"P10D\"}}}")
                .post("/vaults/{v}/certificates/metered/create", vault).then().statusCode(202);
        var certificate = given().get("/vaults/{v}/certificates/metered", vault).then().extract();
        long exp = certificate.<Integer>path("attributes.exp");
        long nbf = certificate.<Integer>path("attributes.nbf");

        metrics.refresh();
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        String labels = "{name=\"metered\",vault=\"" + vault + "\"}";
        assertThat(scrape).contains("renewd_certificate_expiration_timestamp_seconds" + labels + " " + (double) exp);
        assertThat(scrape).contains("renewd_certificate_renewal_due_timestamp_seconds" + labels + " " + (double) (nbf + (exp - nbf) * 8 / 10));
        assertThat(scrape).containsPattern("(?m)^renewd_due_backlog [0-9.]+");
        assertThat(scrape).containsPattern("(?m)^renewd_outbox_pending_rows [0-9.]+");
        assertThat(scrape).containsPattern("(?m)^renewd_outbox_oldest_age_seconds [0-9.]+");
        assertThat(scrape).contains("renewd_sweep_duration_seconds_count");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("renewd_events_published_total\\{type=\"io.renewd.certificate.NewVersionCreated\"} [1-9]"));
    }
}
