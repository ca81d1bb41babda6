package io.renewd.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTPS, clients negotiate HTTP/2 (ALPN). A POST or DELETE without a body has then already
 * ended when renewd's request-body limit sees it: it must be answered like any other request.
 */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class Http2BodylessRequestTest {

    private final HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .sslContext(TestTls.localhost().clientContext()).connectTimeout(Duration.ofSeconds(10)).build();

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

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http2.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + ProductionListeners.httpsPort() + path + "?api-version=7.4"))
                .header("Authorization", "Bearer " + TestTokens.admin());
    }
}
