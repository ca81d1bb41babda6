package io.renewd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.http.ProductionListeners;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method a path does not have answers 405 in Key Vault's error shape with an {@code Allow} header naming the
 * methods it has, over HTTP/1.1 and HTTP/2 alike; a path renewd does not have at all stays 404.
 */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class MethodNotAllowedApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VAULT = TestVaults.newName();

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (Version version : Version.values()) {
            rows.addAll(List.of(
                    // a client that sent an empty certificate name
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/create", 405, "GET, PATCH, DELETE"),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/import", 405, "GET, PATCH, DELETE"),
                    // a client that sent an empty issuer name
                    Arguments.of(version, "PUT", "/vaults/{v}/certificates/issuers", 405, "GET"),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/issuers/acme1", 405, "GET, PUT, PATCH, DELETE"),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates", 405, "GET"),
                    Arguments.of(version, "DELETE", "/vaults/{v}/certificates", 405, "GET"),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/contacts", 405, "GET, PUT, DELETE"),
                    Arguments.of(version, "DELETE", "/vaults/{v}/deletedcertificates", 405, "GET"),
                    Arguments.of(version, "PUT", "/vaults/{v}/deletedcertificates/web", 405, "GET, DELETE"),
                    Arguments.of(version, "GET", "/vaults/{v}/deletedcertificates/web/recover", 405, "POST"),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/web/pending", 405, "GET, PATCH, DELETE"),
                    Arguments.of(version, "GET", "/vaults/{v}/certificates/web/pending/merge", 405, "POST"),
                    Arguments.of(version, "PUT", "/vaults/{v}/certificates/web/policy", 405, "GET, PATCH"),
                    Arguments.of(version, "DELETE", "/vaults/{v}/certificates/web/versions", 405, "GET"),
                    Arguments.of(version, "POST", "/vaults/{v}/keys/web", 405, "GET"),
                    Arguments.of(version, "DELETE", "/vaults/{v}/secrets/web", 405, "GET"),
                    Arguments.of(version, "POST", "/vaults/{v}/guardrails", 405, "GET, PUT, DELETE"),
                    Arguments.of(version, "DELETE", "/vaults", 405, "GET"),
                    // paths renewd does not have
                    Arguments.of(version, "GET", "/vaults/{v}/nothing", 404, null),
                    Arguments.of(version, "POST", "/vaults/{v}/certificates/web/pending/merge/more", 404, null),
                    Arguments.of(version, "GET", "/nothing", 404, null)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("rows")
    void aWrongMethodOnAnExistingPathIs405WithAllow(Version version, String method, String path, int status, String allow) throws Exception {
        HttpResponse<String> vault = send(version, "PUT", "/vaults/" + VAULT);
        assertThat(vault.statusCode()).isIn(200, 201);

        HttpResponse<String> response = send(version, method, path.replace("{v}", VAULT));

        assertThat(response.version()).as("negotiated protocol").isEqualTo(version);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(status == 405 ? "MethodNotAllowed" : "NotFound");
        assertThat(error.path("message").asText()).isNotEmpty();
        if (allow != null) {
            assertThat(response.headers().firstValue("Allow")).as("Allow of %s", path).isPresent();
            assertThat(Arrays.stream(response.headers().firstValue("Allow").orElseThrow().split(",")).map(String::strip))
                    .containsExactlyInAnyOrder(allow.split(", "));
            assertThat(error.path("message").asText()).contains(method);
        }
    }

    private static HttpResponse<String> send(Version version, String method, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(TestTls.localhost().clientContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + ProductionListeners.httpsPort() + path + "?api-version=7.4"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .method(method, method.equals("PUT") || method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
