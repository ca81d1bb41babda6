package io.renewd.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run's listeners ({@link LocalListeners}): HTTPS besides plain HTTP, which keeps
 * serving the API, health and metrics (the README's local examples use it); and the certificate
 * files the local profile reads are the ones scripts/local-run.sh makes.
 */
@QuarkusTest
@TestProfile(LocalListeners.class)
class LocalHttpsTest {

    @TestHTTPResource
    URL http;

    @Test
    void theLocalProfileReadsTheCertificateTheLocalRunMakes() throws Exception {
        String script = Files.readString(Path.of("scripts/local-run.sh"));
        assertThat(LocalListeners.localListenerSettings())
                .containsEntry("quarkus.http.ssl.certificate.files", ".local/tls/renewd.crt")
                .containsEntry("quarkus.http.ssl.certificate.key-files", ".local/tls/renewd.key")
                .doesNotContainKey("quarkus.http.insecure-requests");
        assertThat(script).contains("TLS_DIR=\"$LOCAL/tls\"", "local_tls \"$TLS_DIR\" \"renewd local HTTPS CA\" renewd.crt renewd.key", "RENEWD_HTTPS_PORT=8443",
                "curl --cacert .local/tls/ca.pem https://localhost:$RENEWD_HTTPS_PORT");
    }

    @Test
    void theApiAnswersOverHttpsAndPlainHttpAndHealthStaysOnHttp() throws Exception {
        try (HttpClient https = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build();
             HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<String> overTls = https.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + LocalListeners.httpsPort() + "/vaults")).header("Authorization", "Bearer " + TestTokens.admin()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overTls.statusCode()).isEqualTo(200);
            assertThat(overTls.sslSession()).isPresent();

            HttpResponse<String> overHttp = plain.send(HttpRequest.newBuilder(http.toURI().resolve("/vaults")).header("Authorization", "Bearer " + TestTokens.admin()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(overHttp.statusCode()).isEqualTo(200);
            HttpResponse<String> health = plain.send(HttpRequest.newBuilder(http.toURI().resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
