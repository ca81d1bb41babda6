package io.renewd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.http.ProductionListeners;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.testing.TestCertificates;
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
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the API, over HTTP/1.1 and over HTTP/2 (what curl, Go clients and browsers
 * negotiate over HTTPS): the same status and the same body for both, body-less POSTs and DELETEs
 * included. Each protocol works in a vault of its own; the rows run in order, each first over
 * HTTP/1.1 and then over HTTP/2, whose answer is compared with HTTP/1.1's. What differs between
 * the two vaults by nature (names, versions, keys, times) is masked before the comparison.
 */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class ApiOverHttp2Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestCertificates.Chain CA = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Ec(Curve.P_256));
    private static final String SELF_POLICY = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256", "exportable": true},
                        "secret_props": {"contentType": "application/x-pem-file"},
                        "x509_props": {"subject": "CN=web.example.com", "validity_months": 3},
                        "issuer": {"name": "Self"}}}""";
    private static final String UNKNOWN_POLICY = """
            {"policy": {"x509_props": {"subject": "CN=manual.example.com"}, "issuer": {"name": "Unknown"}}}""";
    private static final String ACME_ISSUER = """
            {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory", "contact": "pki@example.com"},
             "org_details": {"id": "org-7"}}""";
    /** Members whose values differ between two vaults by nature; their type is compared, not their value. */
    private static final Set<String> VARYING = Set.of("x5t", "cer", "csr", "value", "created", "updated", "nbf", "exp",
            "deletedDate", "scheduledPurgeDate", "dueAt", "request_id", "time", "serial_number", "x", "y", "n", "e");
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{32}");

    /** One call of the API; path and body may use what earlier rows answered. */
    record Row(String name, String method, Function<Calls, String> path, Function<Calls, String> body, int status) {

        static Row of(String method, String path, String body, int status) {
            return new Row(method + " " + path, method, calls -> calls.vault(path), calls -> body, status);
        }

        static Row of(String name, String method, Function<Calls, String> path, Function<Calls, String> body, int status) {
            return new Row(name, method, path, body, status);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The answers one protocol has had so far, in its own vault. */
    record Calls(String vault, Map<String, JsonNode> answers) {

        String vault(String path) {
            return path.replace("{v}", vault);
        }

        JsonNode answer(String row) {
            return answers.get(row);
        }

        /** The version of a certificate as an earlier row answered it ({@code id} ends with it). */
        String version(String row) {
            String id = answer(row).path("id").asText();
            return id.substring(id.lastIndexOf('/') + 1);
        }
    }

    private static final Map<Version, Calls> CALLS = new EnumMap<>(Version.class);
    private static final Map<String, Answer> OVER_HTTP_1 = new HashMap<>();

    record Answer(int status, JsonNode body) {
    }

    static Stream<Arguments> rows() {
        List<Row> rows = List.of(
                Row.of("PUT", "/vaults/{v}", "{\"softDeleteRetentionInDays\": 7}", 201),
                Row.of("GET", "/vaults/{v}", null, 200),
                Row.of("GET", "/vaults", null, 200),
                Row.of("PUT", "/vaults/{v}/accessPolicies/group/readers", "{\"permissions\": [\"get\", \"list\"]}", 200),
                Row.of("GET", "/vaults/{v}/accessPolicies/group/readers", null, 200),
                Row.of("GET", "/vaults/{v}/accessPolicies", null, 200),
                Row.of("DELETE", "/vaults/{v}/accessPolicies/group/readers", null, 204),
                Row.of("PUT", "/vaults/{v}/guardrails", "{\"min_rsa_key_size\": 3072}", 200),
                Row.of("GET", "/vaults/{v}/guardrails", null, 200),
                Row.of("DELETE", "/vaults/{v}/guardrails", null, 200),
                Row.of("PUT", "/vaults/{v}/certificates/contacts", "{\"contacts\": [{\"email\": \"pki@example.com\"}]}", 200),
                Row.of("GET", "/vaults/{v}/certificates/contacts", null, 200),
                Row.of("DELETE", "/vaults/{v}/certificates/contacts", null, 200),
                Row.of("PUT", "/vaults/{v}/certificates/issuers/acme1", ACME_ISSUER, 200),
                Row.of("PATCH", "/vaults/{v}/certificates/issuers/acme1", "{\"org_details\": {\"id\": \"org-8\"}}", 200),
                Row.of("GET", "/vaults/{v}/certificates/issuers/acme1", null, 200),
                Row.of("GET", "/vaults/{v}/certificates/issuers", null, 200),
                Row.of("DELETE", "/vaults/{v}/certificates/issuers/acme1", null, 200),
                Row.of("POST", "/vaults/{v}/certificates/web/create", SELF_POLICY, 202),
                Row.of("GET", "/vaults/{v}/certificates/web/pending", null, 200),
                Row.of("GET", "/vaults/{v}/certificates/web", null, 200),
                Row.of("get a version", "GET", c -> c.vault("/vaults/{v}/certificates/web/") + c.version("GET /vaults/{v}/certificates/web"), c -> null, 200),
                Row.of("GET", "/vaults/{v}/certificates/web/versions", null, 200),
                Row.of("GET", "/vaults/{v}/certificates", null, 200),
                Row.of("PATCH", "/vaults/{v}/certificates/web", "{\"tags\": {\"team\": \"web\"}}", 200),
                Row.of("update a version", "PATCH", c -> c.vault("/vaults/{v}/certificates/web/") + c.version("GET /vaults/{v}/certificates/web"),
                        c -> "{\"attributes\": {\"enabled\": true}}", 200),
                Row.of("GET", "/vaults/{v}/certificates/web/policy", null, 200),
                Row.of("PATCH", "/vaults/{v}/certificates/web/policy", "{\"x509_props\": {\"validity_months\": 6}}", 200),
                Row.of("GET", "/vaults/{v}/secrets/web", null, 200),
                Row.of("get a secret version", "GET", c -> c.vault("/vaults/{v}/secrets/web/") + c.version("GET /vaults/{v}/certificates/web"), c -> null, 200),
                Row.of("GET", "/vaults/{v}/keys/web", null, 200),
                Row.of("get a key version", "GET", c -> c.vault("/vaults/{v}/keys/web/") + c.version("GET /vaults/{v}/certificates/web"), c -> null, 200),
                Row.of("POST", "/vaults/{v}/certificates/web/backup", null, 200),
                Row.of("POST", "/vaults/{v}/certificates/imported/import",
                        "{\"value\": \"" + CA.pfxBase64("secret") + "\", \"pwd\": \"secret\"}", 200),
                Row.of("POST", "/vaults/{v}/certificates/manual/create", UNKNOWN_POLICY, 202),
                Row.of("GET", "/vaults/{v}/certificates/manual/pending", null, 200),
                Row.of("merge", "POST", c -> c.vault("/vaults/{v}/certificates/manual/pending/merge"),
                        c -> "{\"x5c\": [\"" + signed(c.answer("POST /vaults/{v}/certificates/manual/create").path("csr").asText()) + "\"]}", 201),
                Row.of("POST", "/vaults/{v}/certificates/cancelled/create", UNKNOWN_POLICY, 202),
                Row.of("PATCH", "/vaults/{v}/certificates/cancelled/pending", "{\"cancellation_requested\": true}", 200),
                Row.of("DELETE", "/vaults/{v}/certificates/cancelled/pending", null, 200),
                Row.of("DELETE", "/vaults/{v}/certificates/web", null, 200),
                Row.of("GET", "/vaults/{v}/deletedcertificates", null, 200),
                Row.of("GET", "/vaults/{v}/deletedcertificates/web", null, 200),
                Row.of("POST", "/vaults/{v}/deletedcertificates/web/recover", null, 200),
                Row.of("delete again", "DELETE", c -> c.vault("/vaults/{v}/certificates/web"), c -> null, 200),
                Row.of("DELETE", "/vaults/{v}/deletedcertificates/web", null, 204),
                Row.of("restore", "POST", c -> c.vault("/vaults/{v}/certificates/restore"),
                        c -> "{\"value\": \"" + c.answer("POST /vaults/{v}/certificates/web/backup").path("value").asText() + "\"}", 200),
                Row.of("GET", "/vaults/{v}/audit", null, 200),
                Row.of("DELETE", "/vaults/{v}", null, 409),
                Row.of("PUT", "/vaults/{v}-empty", null, 201),
                Row.of("DELETE", "/vaults/{v}-empty", null, 200),
                Row.of("POST", "/admin/kek/rewrap", null, 200));
        List<Arguments> arguments = new ArrayList<>();
        for (Row row : rows) {
            arguments.add(Arguments.of(row, Version.HTTP_1_1));
            arguments.add(Arguments.of(row, Version.HTTP_2));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("rows")
    void answersTheSameOverHttp1AndHttp2(Row row, Version version) throws Exception {
        Calls calls = CALLS.computeIfAbsent(version, v -> new Calls(TestVaults.newName(), new HashMap<>()));
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(TestTls.localhost().clientContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        String body = row.body().apply(calls);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + ProductionListeners.httpsPort()
                        + row.path().apply(calls) + "?api-version=7.4"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).as("negotiated protocol").isEqualTo(version);
        assertThat(response.statusCode()).as("%s over %s: %s", row, version, response.body()).isEqualTo(row.status());
        JsonNode answer = response.body().isEmpty() ? JsonNodeFactory.instance.missingNode() : JSON.readTree(response.body());
        calls.answers().put(row.name(), answer);
        Answer masked = new Answer(response.statusCode(), masked(answer, calls.vault()));
        if (version == Version.HTTP_1_1) {
            OVER_HTTP_1.put(row.name(), masked);
        } else {
            assertThat(masked).as("%s: HTTP/2 answers as HTTP/1.1 does", row).isEqualTo(OVER_HTTP_1.get(row.name()));
        }
    }

    /** The answer with what differs between two vaults by nature replaced by placeholders; of lists, the first item. */
    private static JsonNode masked(JsonNode node, String vault) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), VARYING.contains(field.getKey())
                        ? JsonNodeFactory.instance.textNode("<" + field.getValue().getNodeType() + ">")
                        : masked(field.getValue(), vault));
            }
            return copy;
        }
        if (node.isArray()) {
            return node.isEmpty() ? node : JsonNodeFactory.instance.arrayNode().add(masked(node.get(0), vault));
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(VERSION.matcher(node.asText().replace(vault, "{v}")).replaceAll("{version}"));
        }
        return node;
    }

    /** What a CA does with a pending CSR: signs its key and names. */
    private static String signed(String csrBase64) {
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        X509Certificate certificate = CertificateIssuance.signedBy(csr.publicKey(), template, CA.intermediate(), CA.intermediateKey().getPrivate());
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
