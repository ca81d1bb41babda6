package io.renewd.web;

import com.sun.net.httpserver.HttpServer;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged renewd in {@code %prod}: given the web inventory's client (and nothing else: no switch), {@code /ui} sends
 * a browser to the identity provider's sign-in; without it, {@code /ui} answers a short page saying the inventory is
 * not configured. The API answers its bearer challenge either way. The identity provider here is its discovery
 * document and keys (the code flow itself runs against a real Keycloak in {@link BrowserJourneyTest}).
 */
class ProductionWebInventoryIT {

    private static HttpServer identityProvider;
    private static String issuer;
    private static PackagedRenewd configured;
    private static PackagedRenewd unconfigured;
    private static final HttpClient CLIENT = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws IOException {
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/renewd";
        serve("/realms/renewd/.well-known/openid-configuration", "{\"issuer\": \"" + issuer + "\", \"authorization_endpoint\": \"" + issuer
                + "/protocol/openid-connect/auth\", \"token_endpoint\": \"" + issuer + "/protocol/openid-connect/token\", \"jwks_uri\": \""
                + issuer + "/protocol/openid-connect/certs\", \"end_session_endpoint\": \"" + issuer + "/protocol/openid-connect/logout\"}");
        serve("/realms/renewd/protocol/openid-connect/certs", "{\"keys\": []}");
        identityProvider.start();

        configured = PackagedRenewd.start("web-inventory", Map.of("quarkus.oidc.token.audience", TestTokens.AUDIENCE),
                Map.of("QUARKUS_OIDC_WEB_AUTH_SERVER_URL", issuer, "QUARKUS_OIDC_WEB_CLIENT_ID", "renewd-web",
                        "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET", "a-secret-of-the-web-client"));
        unconfigured = PackagedRenewd.start("web-inventory-off", Map.of("quarkus.oidc.token.audience", TestTokens.AUDIENCE));
        assertThat(configured.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(configured.log())).isTrue();
        assertThat(unconfigured.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(unconfigured.log())).isTrue();
    }

    @AfterAll
    static void stop() {
        for (PackagedRenewd renewd : new PackagedRenewd[]{configured, unconfigured}) {
            if (renewd != null) {
                renewd.close();
            }
        }
        if (identityProvider != null) {
            identityProvider.stop(0);
        }
    }

    @Test
    void givenItsClientTheInventorySendsABrowserToSignInAndTheApiStillChallenges() throws Exception {
        HttpResponse<String> ui = get(configured, "/ui/certificates");
        assertThat(ui.statusCode()).as(ui.body()).isEqualTo(302);
        assertThat(ui.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(issuer + "/protocol/openid-connect/auth?").contains("client_id=renewd-web").contains("response_type=code"));

        HttpResponse<String> api = get(configured, "/vaults");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer "));
    }

    @Test
    void withoutItsClientTheInventoryAnswersAPageSayingItIsNotConfigured() throws Exception {
        for (String path : new String[]{"/ui", "/ui/certificates", "/ui/vaults/team-a/certificates/web"}) {
            HttpResponse<String> ui = get(unconfigured, path);
            assertThat(ui.statusCode()).as(path).isEqualTo(404);
            assertThat(ui.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(ui.body()).contains("The web inventory is not configured", "QUARKUS_OIDC_WEB_CLIENT_ID").doesNotContain("Exception");
        }
        assertThat(get(unconfigured, "/vaults").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(PackagedRenewd renewd, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("https://localhost:" + renewd.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void serve(String path, String json) {
        identityProvider.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
