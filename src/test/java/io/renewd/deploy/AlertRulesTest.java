package io.renewd.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.KeySpec;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.events.EventOutbox;
import io.renewd.metrics.RenewdMetrics;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the Grafana dashboard (deploy/monitoring) query metrics a running renewd
 * really exports: renewd is made to publish every kind of event it can, then every
 * renewd_/jvm_/process_ metric name in the rules' and panels' PromQL must be in a scrape of
 * /q/metrics. Also: the paths the Kubernetes probes and scrape annotations use answer.
 */
@QuarkusTest
class AlertRulesTest {

    private static final List<String> EVENT_TYPES = List.of(
            "io.renewd.certificate.NearExpiry", "io.renewd.certificate.NewVersionCreated",
            "io.renewd.certificate.RenewalFailed", "io.renewd.certificate.Expired");

    @Inject
    SweepDueActions sweep;

    @Inject
    EventOutbox outbox;

    @Inject
    RenewdMetrics metrics;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsInTheScrape() {
        publishEveryKindOfEvent();
        metrics.refresh();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            for (String type : EVENT_TYPES) {
                assertThat(scrape).as("counter of %s events", type)
                        .containsPattern("(?m)^renewd_events_published_total\\{[^}]*type=\"" + Pattern.quote(type) + "\"[^}]*} [1-9]");
            }
        });
        String scrape = scrape();

        Map<String, Set<String>> queried = new LinkedHashMap<>();
        for (DeployFiles.Query query : DeployFiles.queries()) {
            for (String metric : DeployFiles.metricNames(query.expr())) {
                queried.computeIfAbsent(metric, m -> new TreeSet<>()).add(query.where());
            }
        }
        assertThat(queried).as("metrics queried by the rules and the dashboard").containsKeys(
                "renewd_certificate_expiration_timestamp_seconds", "renewd_events_published_total", "renewd_outbox_pending_rows",
                "renewd_outbox_oldest_age_seconds", "renewd_sweep_duration_seconds_count", "renewd_due_backlog");
        Set<String> missing = new TreeSet<>();
        queried.forEach((metric, where) -> {
            if (!Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(scrape).find()) {
                missing.add(metric + " (queried by " + String.join(", ", where) + ")");
            }
        });
        assertThat(missing).as("metrics the rules and the dashboard query that /q/metrics does not export").isEmpty();
    }

    @Test
    void thePathsOfTheProbesAndOfTheScrapeAnnotationsAnswer() {
        Set<String> paths = new TreeSet<>();
        for (String overlay : ManifestsTest.OVERLAYS) {
            for (Deployment deployment : ManifestsTest.overlay(overlay).typed("Deployment", Deployment.class)) {
                paths.add(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
                for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                        paths.add(probe.getHttpGet().getPath());
                    }
                }
            }
        }
        assertThat(paths).contains("/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics");
        for (String path : paths) {
            given().get(path).then().statusCode(200);
        }
    }

    /**
     * NewVersionCreated (a certificate created), NearExpiry (an import past its 80 % point),
     * Expired (a ten-minute certificate, once the test clock moved past it) through the API and
     * the sweep; RenewalFailed written to the outbox directly, as the renewer will (it is not in
     * yet). The relay publishes them all.
     */
    private void publishEveryKindOfEvent() {
        String vault = TestVaults.create();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var late = TestCertificates.chain("CN=late.alerts", new KeySpec.Ec(io.renewd.domain.Curve.P_256), now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(2)));
        given().contentType(ContentType.JSON).body(Map.of("value", late.pem()))
                .post("/vaults/{v}/certificates/late/import", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=short\", \"validity\": \"PT10M\"}}}")
                .post("/vaults/{v}/certificates/short/create", vault).then().statusCode(202);
        // Stays enabled with a pending AutoRenew: renewd_certificate_renewal_due_timestamp_seconds has a series.
        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=long\", \"validity\": \"P30D\"}}}")
                .post("/vaults/{v}/certificates/long/create", vault).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/short", vault).then().statusCode(200).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> outbox.write(new CertificateEvent.RenewalFailed(vault, "short",
                id.substring(id.lastIndexOf('/') + 1), now, now.plus(Duration.ofMinutes(10)), "IssuerUnavailable",
                "the CA did not answer", 1, now.plus(Duration.ofMinutes(1)), false, "Self")));

        TestClock.advance(Duration.ofMinutes(11));
        while (sweep.sweepBatch() > 0) {
            // fire everything due, including the short certificate's Expired
        }
        TestClock.reset();
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
