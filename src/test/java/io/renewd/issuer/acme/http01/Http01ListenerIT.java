package io.renewd.issuer.acme.http01;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.pki.PemCodec;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged renewd in {@code %prod} (API over HTTPS only) gets a certificate from Pebble, which
 * validates HTTP-01 through renewd's HTTP-01 listener, the only plain-HTTP port it has; that
 * listener serves nothing but challenge answers.
 */
class Http01ListenerIT {

    private static final String NAME = "www.http01.renewd.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient API = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build();
    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static PebbleServer pebble;
    private static PackagedRenewd renewd;
    private static String vault;

    @BeforeAll
    static void start() throws Exception {
        int http01Port = io.renewd.testing.FreePorts.next();
        pebble = PebbleServer.start(new PebbleServer.Options(http01Port, Map.of()));
        vault = TestVaults.newName();
        renewd = PackagedRenewd.start("http01", Map.of(
                "quarkus.oidc.token.audience", TestTokens.AUDIENCE,
                PackagedRenewd.HTTP01_PORT, String.valueOf(http01Port),
                // The ACME guards of production, opened for this Pebble and this vault's one name only.
                "renewd.acme.allowed-hosts", "127.0.0.1",
                "renewd.acme.trust-store", pebble.writeTrustStore(Path.of("target", "packaged-renewd", "http01-truststore.p12")).toString(),
                "renewd.acme.trust-store-password", "changeit",
                "renewd.acme.names." + vault, NAME));
        assertThat(renewd.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(renewd.log())).isTrue();
    }

    @AfterAll
    static void stop() {
        if (renewd != null) {
            renewd.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void pebbleValidatesHttp01ThroughTheListenerAndTheCertificateIsIssued() throws Exception {
        assertThat(api("PUT", "/vaults/" + vault, "{}").statusCode()).isEqualTo(201);
        HttpResponse<String> issuer = api("PUT", "/vaults/" + vault + "/certificates/issuers/pebble",
                "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"}}");
        assertThat(issuer.statusCode()).as(issuer.body()).isEqualTo(200);
        HttpResponse<String> create = api("POST", "/vaults/" + vault + "/certificates/web/create", """
                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "secret_props": {"contentType": "application/x-pem-file"},
                 "x509_props": {"subject": "CN=%s", "sans": {"dns_names": ["%s"]}}, "issuer": {"name": "pebble"}}}""".formatted(NAME, NAME));
        assertThat(create.statusCode()).as(create.body()).isEqualTo(202);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode pending = JSON.readTree(api("GET", "/vaults/" + vault + "/certificates/web/pending", null).body());
            assertThat(pending.path("status").asText()).as("%s; Pebble's log:%n%s", pending, pebble.log()).isEqualTo("completed");
        });
        String pem = JSON.readTree(api("GET", "/vaults/" + vault + "/secrets/web", null).body()).path("value").asText();
        List<X509Certificate> chain = PemCodec.readCertificates(pem);
        assertThat(chain.getFirst().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly(NAME);
        assertChainLeadsTo(chain, pebble.issuingRootPem());

        assertThat(answered()).as("Pebble's validation request was answered by the listener").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theListenerServesNeitherTheApiNorHealthNorMetrics() throws Exception {
        String vaultPath = "/vaults/" + vault + "/certificates";
        for (String path : List.of(vaultPath, "/vaults", "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/")) {
            HttpResponse<String> answer = PLAIN.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + renewd.http01Port() + path))
                    .header("Authorization", "Bearer " + TestTokens.admin()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEmpty();
        }
        HttpResponse<String> unknown = PLAIN.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + renewd.http01Port()
                + "/.well-known/acme-challenge/no-such-token")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static double answered() throws Exception {
        String metrics = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + renewd.managementPort() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("(?m)^renewd_acme_http01_requests_total\\{[^}]*result=\"answered\"[^}]*} (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static HttpResponse<String> api(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(renewd.api(path)).header("Authorization", "Bearer " + TestTokens.admin());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return API.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertChainLeadsTo(List<X509Certificate> chain, String rootPem) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate root = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> path = new ArrayList<>(chain.stream().filter(c -> !c.equals(root)).toList());
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
    }
}
