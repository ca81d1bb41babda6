package io.renewd.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.Pkcs12Codec;
import io.renewd.testing.ApiVersionByDefault;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Request bodies above the configured limits get 413 with Key Vault's error body naming the
 * limit (Quarkus alone would answer an empty 413), whether their size is declared or they come
 * chunked, and nothing is stored; bodies under the limits, up to the largest certificate the
 * parsers accept, reach renewd. Limits (application.properties): 2 MiB for the API
 * ({@code renewd.api.max-body-size}), 8 MiB for a restore ({@code quarkus.http.limits.max-body-size}).
 */
@QuarkusTest
class BodySizeLimitApiTest {

    private static final int MIB = 1 << 20;

    @TestHTTPResource("/")
    URL renewd;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413InKeyVaultsShapeAndTheConnectionStaysUsable() {
        String body = importBody("A".repeat(2 * MIB + 100));

        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/big/import", vault).then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error.code", is("RequestTooLarge"))
                .body("error.message", containsString("at most 2 MiB (2097152 bytes)"))
                .body("error.message", containsString("has " + body.getBytes(StandardCharsets.UTF_8).length + " bytes"));

        given().get("/vaults/{v}/certificates/big", vault).then().statusCode(404);
        given().get("/vaults/{v}", vault).then().statusCode(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413InKeyVaultsShape() throws Exception {
        byte[] body = importBody("A".repeat(3 * MIB)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = chunked("/vaults/" + vault + "/certificates/chunked/import", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("RequestTooLarge");
        assertThat(error.getString("message")).contains("at most 2 MiB");
        given().get("/vaults/{v}/certificates/chunked", vault).then().statusCode(404);
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAndImported() throws Exception {
        var chain = TestCertificates.validChain("CN=chunked.example.com", new KeySpec.Ec(Curve.P_256));
        byte[] body = ("{\"value\": \"" + chain.pfxBase64("pw") + "\", \"pwd\": \"pw\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = chunked("/vaults/" + vault + "/certificates/chunked/import", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        given().get("/vaults/{v}/certificates/chunked", vault).then().statusCode(200);
    }

    @Test
    void aClientThatWaitsForContinueGetsThe413WithoutSendingTheBody() throws IOException {
        try (Socket socket = new Socket(renewd.getHost(), renewd.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /vaults/" + vault + "/certificates/waiting/import?api-version=7.6 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (5 * MIB) + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"RequestTooLarge\"").contains("at most 2 MiB");
        }
    }

    @Test
    void aRequestWithNeitherLengthNorBodyStillWorks() throws IOException {
        // As curl -X PUT sends it: no Content-Length, no Transfer-Encoding, so no body.
        String name = TestVaults.newName();
        try (Socket socket = new Socket(renewd.getHost(), renewd.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /vaults/" + name + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 201");
        }
        given().get("/vaults/{v}", name).then().statusCode(200);
    }

    @Test
    void theLimitIsAboveTheLargestCertificateTheParsersAccept() {
        // 1.5 MB of base64 reaches the import, whose parser refuses PFX files over 1 MiB: a 400 about the PFX, not a 413.
        given().contentType(ContentType.JSON).body(importBody(Base64.getEncoder().encodeToString(new byte[(int) (1.1 * MIB)])))
                .post("/vaults/{v}/certificates/parser/import", vault).then()
                .statusCode(400)
                .body("error.code", is("BadParameter"))
                .body("error.message", containsString("larger than 1024 KiB"));
    }

    @Test
    void aPfxWithALongChainAndManyNamesIsFarUnderTheLimit() {
        // A 12-certificate chain (RSA 4096 leaf with 200 DNS names): the largest realistic import.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair caKey = KeyPairs.generate(new KeySpec.Ec(Curve.P_384));
        X509Certificate issuer = CertificateIssuance.selfSigned(caKey, ca("CN=Root", now));
        List<X509Certificate> cas = new ArrayList<>(List.of(issuer));
        for (int i = 1; i <= 10; i++) {
            KeyPair next = KeyPairs.generate(new KeySpec.Ec(Curve.P_384));
            issuer = CertificateIssuance.signedBy(next.getPublic(), ca("CN=Intermediate " + i, now), issuer, caKey.getPrivate());
            caKey = next;
            cas.addFirst(issuer);
        }
        KeyPair leafKey = KeyPairs.generate(new KeySpec.Rsa(4096));
        List<String> names = IntStream.range(0, 200).mapToObj(i -> "host-" + i + ".long-chain.example.com").toList();
        X509Certificate leaf = CertificateIssuance.signedBy(leafKey.getPublic(), new CertificateTemplate("CN=long-chain.example.com",
                        new SubjectAlternativeNames(names, null, null, null), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of("1.3.6.1.5.5.7.3.1"),
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), false, null),
                issuer, caKey.getPrivate());
        String pfx = Base64.getEncoder().encodeToString(Pkcs12Codec.write(new CertificateBundle(leaf, cas, leafKey.getPrivate()), "leaf",
                "pw".toCharArray()));
        String body = "{\"value\": \"" + pfx + "\", \"pwd\": \"pw\"}";
        assertThat(body.length()).as("the body of the largest realistic import").isLessThan(100 * 1024);

        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/long-chain/import", vault).then()
                .statusCode(200).body("policy.x509_props.sans.dns_names.size()", is(200));
    }

    @Test
    void aRestoreMayBeLargerThanOtherRequestsUpToTheHttpLimit() {
        String restore = "/vaults/" + vault + "/certificates/restore";
        // 3 MiB: over the API's 2 MiB, under the 8 MiB of a restore: renewd reads it (and finds it is no backup).
        given().contentType(ContentType.JSON).body("{\"value\": \"" + "A".repeat(3 * MIB) + "\"}").post(restore).then()
                .statusCode(400).body("error.code", is("BadParameter"));
        given().contentType(ContentType.JSON).body("{\"value\": \"" + "A".repeat(8 * MIB) + "\"}").post(restore).then()
                .statusCode(413).body("error.code", is("RequestTooLarge")).body("error.message", containsString("at most 8 MiB"));
    }

    private static String importBody(String value) {
        return "{\"value\": \"" + value + "\", \"pwd\": \"pw\"}";
    }

    private HttpResponse<String> chunked(String path, byte[] body) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            // A stream of unknown length goes out chunked, without Content-Length.
            HttpRequest request = HttpRequest.newBuilder(URI.create(renewd.toString()).resolve(ApiVersionByDefault.withVersion(path)))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TestTokens.admin())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(body)))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static CertificateTemplate ca(String subject, Instant now) {
        return new CertificateTemplate(subject, null, Set.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN), List.of(),
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(3650)), true, null);
    }
}
