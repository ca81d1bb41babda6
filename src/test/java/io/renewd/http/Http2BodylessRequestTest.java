package io.renewd.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.Test;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.testing.TestCertificates;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Over HTTPS, clients negotiate HTTP/2 (ALPN). There a POST or DELETE without a body, and a body
 * sent without Content-Length, must be answered as over HTTP/1.1, and the request-body limit
 * still holds: a declared body over it is 413 in Key Vault's shape.
 */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class Http2BodylessRequestTest {

    private final HttpClient http2 = newClient();

    @Test
    void bodylessPostAndDeleteAnswerOverHttp2() throws Exception {
        String vault = TestVaults.newName();
        HttpResponse<String> created = send(request("/vaults/" + vault).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> issuer = send(request("/vaults/" + vault + "/certificates/issuers/mine")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\"}}")));
        assertThat(issuer.statusCode()).as(issuer.body()).isEqualTo(200);

        HttpResponse<String> deleted = send(request("/vaults/" + vault + "/certificates/issuers/mine").DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.version()).isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> recover = send(request("/vaults/" + vault + "/deletedcertificates/none/recover")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(recover.statusCode()).as(recover.body()).isEqualTo(404);
    }

    @Test
    void aBodyOfUndeclaredSizeOverHttp2IsReadWithinTheLimit() throws Exception {
        String vault = TestVaults.newName();
        assertThat(send(request("/vaults/" + vault).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(201);
        var chain = TestCertificates.validChain("CN=h2.example.com", new KeySpec.Ec(Curve.P_256));

        HttpResponse<String> imported = send(request("/vaults/" + vault + "/certificates/h2/import").header("Content-Type", "application/json")
                .POST(undeclared("{\"value\": \"" + chain.pfxBase64("pw") + "\", \"pwd\": \"pw\"}")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.version()).isEqualTo(HttpClient.Version.HTTP_2);

        // Quarkus REST reads such a body and refuses it beyond the limit by closing the connection (or, if it can, a 413).
        Throwable refused = catchThrowable(() -> assertThat(send(request("/vaults/" + vault + "/certificates/large/import")
                .header("Content-Type", "application/json")
                .POST(undeclared("{\"value\": \"" + "A".repeat(3 << 20) + "\", \"pwd\": \"pw\"}"))).statusCode()).isEqualTo(413));
        if (refused != null) {
            assertThat(refused).isInstanceOf(IOException.class);
        }
        // A closed connection takes its pooled HTTP/2 connection with it: a client may not have seen that yet.
        assertThat(newClient().send(request("/vaults/" + vault + "/certificates/large").GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeclaredBodyOverTheLimitOverHttp2Is413InKeyVaultsShape() throws Exception {
        String vault = TestVaults.newName();
        assertThat(send(request("/vaults/" + vault).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(201);

        HttpResponse<String> tooLarge = send(request("/vaults/" + vault + "/certificates/large/import").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": \"" + "A".repeat(3 << 20) + "\", \"pwd\": \"pw\"}")));

        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonObject error = new JsonObject(tooLarge.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("RequestTooLarge");
        assertThat(error.getString("message")).contains("at most 2 MiB");
        assertThat(send(request("/vaults/" + vault + "/certificates/large").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void curlDeletesAnIssuerOverHttp2() throws Exception {
        String vault = TestVaults.newName();
        assertThat(send(request("/vaults/" + vault).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(201);
        assertThat(send(request("/vaults/" + vault + "/certificates/issuers/mine").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://acme.example.com/directory\"}}")))
                .statusCode()).isEqualTo(200);

        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--cacert", TestTls.localhost().certificateFile().toString(),
                "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "-X", "DELETE", "-H", "Authorization: Bearer " + TestTokens.admin(),
                "https://localhost:" + ProductionListeners.httpsPort() + "/vaults/" + vault + "/certificates/issuers/mine?api-version=7.4")
                .redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("2 200");
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestTls.localhost().clientContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A body of unknown length: sent without Content-Length. */
    private static HttpRequest.BodyPublisher undeclared(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http2.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + ProductionListeners.httpsPort() + path + "?api-version=7.4"))
                .header("Authorization", "Bearer " + TestTokens.admin());
    }
}
