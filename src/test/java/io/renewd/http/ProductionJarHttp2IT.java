package io.renewd.http;

import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged renewd in {@code %prod}, called as users call it over HTTPS: HTTP/2 (curl's and the
 * JDK client's default through ALPN), body-less POST and DELETE included (bulk re-issue's cancel too); the API docs stay off;
 * a wrong method is 405 with {@code Allow}, and paths in other cases (collections, names, the vault) reach their objects.
 */
class ProductionJarHttp2IT {

    private static PackagedRenewd renewd;

    @BeforeAll
    static void start() throws IOException {
        renewd = PackagedRenewd.start("http2", Map.of("quarkus.oidc.token.audience", TestTokens.AUDIENCE));
        assertThat(renewd.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(renewd.log())).isTrue();
    }

    @AfterAll
    static void stop() {
        renewd.close();
    }

    @Test
    void bodylessPostAndDeleteAnswerOverHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TestTls.localhost().clientContext()).build();
        String vault = TestVaults.newName();
        assertThat(send(client, "PUT", "/vaults/" + vault, "{}")).satisfies(r -> {
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        });
        assertThat(send(client, "POST", "/vaults/" + vault + "/certificates/web/create",
                "{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=web\"}, "
                        + "\"issuer\": {\"name\": \"Self\"}}}").statusCode()).isEqualTo(202);

        HttpResponse<String> backup = send(client, "POST", "/vaults/" + vault + "/certificates/web/backup", null);
        assertThat(backup.statusCode()).as(backup.body()).isEqualTo(200);
        HttpResponse<String> delete = send(client, "DELETE", "/vaults/" + vault + "/certificates/web", null);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(200);
        HttpResponse<String> recover = send(client, "POST", "/vaults/" + vault + "/deletedcertificates/web/recover", null);
        assertThat(recover.statusCode()).as(recover.body()).isEqualTo(200);
        assertThat(send(client, "GET", "/q/openapi", null).statusCode()).as("no API document in production").isEqualTo(404);

        // A bulk re-issue selecting nothing ends with its start: the body-less cancel is then refused as such, not as a missing body.
        HttpResponse<String> bulk = send(client, "POST", "/vaults/" + vault + "/certificates/reissue",
                "{\"selector\": {\"expiringBefore\": \"2000-01-01T00:00:00Z\"}, \"reason\": \"http2\"}");
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(202);
        String id = bulk.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        HttpResponse<String> list = send(client, "GET", "/vaults/" + vault + "/reissues", null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(id);
        HttpResponse<String> cancel = send(client, "POST", "/vaults/" + vault + "/reissues/" + id + "/cancel", null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(400);
        assertThat(cancel.body()).contains("nothing to cancel");
    }

    @Test
    void curlOverHttp2DeletesWithoutABody() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build();
        String vault = TestVaults.newName();
        assertThat(send(client, "PUT", "/vaults/" + vault, "{}").statusCode()).isEqualTo(201);
        assertThat(send(client, "PUT", "/vaults/" + vault + "/certificates/contacts",
                "{\"contacts\": [{\"email\": \"ops@example.com\"}]}").statusCode()).isEqualTo(200);

        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--cacert", TestTls.localhost().certificateFile().toString(), "-X", "DELETE",
                "-H", "Authorization: Bearer " + TestTokens.admin(), "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                renewd.api("/vaults/" + vault + "/certificates/contacts").toString()).redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(answer).isZero();
        assertThat(answer).isEqualTo("2 200");
    }

    @Test
    void aWrongMethodIs405WithAllowAndPathsInOtherCasesWorkOverHttp2AndHttp11() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpClient client = HttpClient.newBuilder().version(version).sslContext(TestTls.localhost().clientContext()).build();
            String vault = TestVaults.newName();
            String shouted = vault.toUpperCase(Locale.ROOT);
            assertThat(send(client, "PUT", "/vaults/" + vault, "{}").statusCode()).isEqualTo(201);
            HttpResponse<String> created = send(client, "POST", "/vaults/" + shouted + "/Certificates/Web/Create",
                    "{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=web\"}, "
                            + "\"issuer\": {\"name\": \"Self\"}}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            assertThat(created.version()).isEqualTo(version);

            HttpResponse<String> read = send(client, "GET", "/vaults/" + shouted + "/CERTIFICATES/wEB/Policy", null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).as("ids keep the name's and the vault's one spelling")
                    .contains("/vaults/" + vault + "/certificates/Web/policy");

            HttpResponse<String> wrong = send(client, "PUT", "/vaults/" + vault + "/certificates/issuers", "{}");
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(405);
            assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
            assertThat(wrong.body()).contains("\"code\":\"MethodNotAllowed\"");
        }

        String vault = TestVaults.newName();
        assertThat(send(HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build(), "PUT", "/vaults/" + vault, "{}")
                .statusCode()).isEqualTo(201);
        assertThat(curl("-X", "POST", renewd.api("/vaults/" + vault + "/certificates/create").toString()))
                .as("curl --http2, a wrong method").containsPattern("(?im)^allow: .*GET").endsWith("2 405");
        assertThat(curl(renewd.api("/vaults/" + vault.toUpperCase(Locale.ROOT) + "/Certificates/Issuers").toString()))
                .as("curl --http2, collections and the vault in capitals").endsWith("2 200");
    }

    /** curl over HTTP/2 as a user runs it: the response headers, then the HTTP version and status. */
    private static String curl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--http2", "--cacert",
                TestTls.localhost().certificateFile().toString(), "-H", "Authorization: Bearer " + TestTokens.admin(),
                "-o", "/dev/null", "-D", "-", "-w", "%{http_version} %{http_code}"));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(answer).isZero();
        return answer;
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(renewd.api(path)).header("Authorization", "Bearer " + TestTokens.admin());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
