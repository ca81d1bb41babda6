package io.renewd.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * renewd with its production listeners ({@link ProductionListeners}): the API answers over
 * HTTPS with the configured PEM certificate and never in plain HTTP; health and metrics answer
 * on the management interface only; no OpenAPI document or Swagger UI unless switched on.
 */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class HttpsListenersTest {

    private final HttpClient https = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void productionSettingsTurnPlainHttpOffAndMoveHealthAndMetricsToTheManagementPort() {
        assertThat(ProductionListeners.productionListenerSettings())
                .containsEntry("quarkus.http.insecure-requests", "disabled")
                .containsEntry("quarkus.management.enabled", "true")
                .containsEntry("quarkus.management.port", "9000")
                .containsEntry("quarkus.http.ssl-port", "8443");
    }

    @Test
    void theApiAnswersOverHttpsWithTheConfiguredCertificate() throws Exception {
        String vault = TestVaults.newName();
        HttpResponse<String> created = https.send(authorized(api("/vaults/" + vault))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"id\":\"https://localhost:" + ProductionListeners.httpsPort() + "/vaults/" + vault + "\"");

        HttpResponse<String> read = https.send(authorized(api("/vaults/" + vault)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        X509Certificate served = (X509Certificate) read.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served).isEqualTo(TestTls.localhost().certificate());
        assertThat(read.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> untrusting.send(authorized(api("/vaults")).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpGetsNoApiAnswer() {
        Throwable failure = catchThrowable(() -> {
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ProductionListeners.httpsPort() + "/vaults")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("plain HTTP on the HTTPS port").isNotEqualTo(200);
        });
        if (failure != null) {
            assertThat(failure).isInstanceOf(IOException.class);
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
        for (String path : new String[]{"/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics"}) {
            HttpResponse<String> management = plain.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ProductionListeners.managementPort() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(management.statusCode()).as("%s on the management port", path).isEqualTo(200);

            HttpResponse<String> onApi = https.send(authorized(api(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onApi.statusCode()).as("%s on the API port", path).isEqualTo(404);
        }
        HttpResponse<String> metrics = plain.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ProductionListeners.managementPort() + "/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreOffInProduction() throws Exception {
        assertThat(ProductionListeners.productionListenerSettings()).containsEntry("quarkus.smallrye-openapi.enabled", "false");
        for (String path : new String[]{"/q/openapi", "/q/openapi?format=json", "/q/swagger-ui", "/q/swagger-ui/"}) {
            HttpResponse<String> onApi = https.send(authorized(api(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onApi.statusCode()).as("%s on the API port", path).isEqualTo(404);
            assertThat(onApi.body()).as(path).doesNotContain("/vaults/{vault}/certificates");
            HttpResponse<String> management = plain.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ProductionListeners.managementPort() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(management.statusCode()).as("%s on the management port", path).isEqualTo(404);
        }
    }

    private static URI api(String path) {
        return URI.create("https://localhost:" + ProductionListeners.httpsPort() + path);
    }

    /** An API request with an administrator's token. */
    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + io.renewd.testing.TestTokens.admin());
    }
}
