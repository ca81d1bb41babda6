package io.renewd.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service with the OpenAPI document switched on: it and Swagger UI come with the API, never on the management port. */
@QuarkusTest
@TestProfile(OpenApiSwitchTest.ProductionWithOpenApi.class)
class OpenApiSwitchTest {

    /** {@link ProductionListeners} plus the one setting an operator flips. */
    public static class ProductionWithOpenApi extends ProductionListeners {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.smallrye-openapi.enabled", "true");
            return config;
        }
    }

    private final HttpClient https = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void oneSettingBringsTheDocumentAndSwaggerUiBackWithTheApi() throws Exception {
        HttpResponse<String> openApi = https.send(api("/q/openapi").header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("/vaults/{vault}/certificates/{name}/create");
        HttpResponse<String> swaggerUi = https.send(api("/q/swagger-ui/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.body()).containsIgnoringCase("swagger");

        HttpResponse<String> management = plain.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ProductionListeners.managementPort() + "/q/openapi")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(management.statusCode()).isEqualTo(404);
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + ProductionListeners.httpsPort() + path))
                .header("Authorization", "Bearer " + TestTokens.admin());
    }
}
