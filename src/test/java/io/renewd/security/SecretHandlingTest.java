package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.issuer.acme.AcmePebble;
import io.renewd.pki.PemCodec;
import io.renewd.pki.SealedData;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.TestCertificates;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets stay secret. A scripted scenario sends known secret values through the API — a PFX
 * password (right and wrong), a private key in PEM (plain and encrypted), ACME External Account
 * Binding HMAC keys (right, wrong and malformed, used for real against Pebble), and a bearer token
 * in every request's Authorization header — including failures and malformed requests; none of
 * the values, nor their base64 forms, nor a line of the key's PEM body appears in anything renewd
 * logs meanwhile (captured from the root logger, renewd and its HTTP, REST and ACME libraries at
 * DEBUG) or in any response. Then the database's raw rows: issuer credentials, ACME account keys
 * and private keys are sealed, nothing of them is stored in clear.
 */
@QuarkusTest
class SecretHandlingTest {

    private static final String PFX_PASSWORD = "Pfx-Secret-7f3a9c21e5";
    private static final String WRONG_PFX_PASSWORD = "Pfx-Typo-Secret-0b8d44";
    private static final String KEY_PASSWORD = "Key-Secret-c0ffee-91";
    private static final String EAB_KID = "kid-secret-handling";
    private static final String EAB_HMAC = base64url(bytes(1, 32));
    private static final String WRONG_HMAC = base64url(bytes(2, 32));
    private static final String MALFORMED_HMAC = "Hm*c-Secret-not-base64url-5d1e";
    /** A real bearer token (renewd must accept it to run the scenario), so its pieces are secrets to look for. */
    private static final String TOKEN = io.renewd.testing.TestTokens.token("leak-test-subject-77a2", java.util.List.of(io.renewd.testing.TestTokens.ADMIN_GROUP));
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String[] DEBUG_CATEGORIES = {"io.renewd", "org.shredzone.acme4j", "org.jboss.resteasy.reactive",
            "io.quarkus.resteasy.reactive", "io.quarkus.rest", "io.quarkus.vertx.http", "io.vertx.ext.web", "io.quarkus.oidc"};

    private static final TestCertificates.Chain CHAIN = TestCertificates.validChain("CN=secret.example.com", new KeySpec.Ec(Curve.P_256));
    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of(EAB_KID, EAB_HMAC));
    private PebbleServer pebble;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "renewd.kek.active")
    String activeKek;

    private final List<String> responses = new ArrayList<>();
    private String vault;

    @BeforeEach
    void startPebble() {
        pebble = PEBBLE.get();
    }

    @AfterAll
    static void stopPebble() {
        PEBBLE.close();
    }

    @Test
    void noSecretAppearsInTheLogsOrInAnyResponse() throws Exception {
        LogCapture logs = LogCapture.start(DEBUG_CATEGORIES);
        try {
            scenario();
        } finally {
            logs.stop();
        }

        assertThat(logs.lines).as("the capture saw renewd's log lines").anyMatch(line -> line.contains("/import -> 400"));
        assertThat(logs.lines).as("the capture saw the bad EAB fail").anyMatch(line -> line.contains("ACME issuance") && line.contains("failed"));
        Map<String, String> secrets = secretForms();
        List<String> leaks = new ArrayList<>();
        for (var secret : secrets.entrySet()) {
            logs.lines.stream().filter(line -> line.contains(secret.getValue())).limit(3)
                    .forEach(line -> leaks.add(secret.getKey() + " in the log: " + abbreviate(line)));
            responses.stream().filter(body -> body.contains(secret.getValue())).limit(3)
                    .forEach(body -> leaks.add(secret.getKey() + " in a response: " + abbreviate(body)));
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void issuerCredentialsAccountKeysAndPrivateKeysAreSealedAtRest() throws Exception {
        vault = newVault();
        putIssuer("eab", EAB_HMAC);
        create("acme-issued", "eab");
        importPem("imported");
        send(request().body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=manual\"},"
                + " \"issuer\": {\"name\": \"Unknown\"}}}"), "post", "/certificates/manual/create");
        awaitPending("acme-issued", response -> "completed".equals(response.jsonPath().getString("status")));

        try (Connection connection = dataSource.getConnection()) {
            // Every sealed column of this vault holds envelopes under the active key-encryption key.
            for (String query : List.of(
                    "select credentials_sealed from certificate_issuer where vault = ?",
                    "select private_key_sealed from acme_account where vault = ?",
                    "select private_key_sealed from certificate_version where certificate_id in (select id from certificate where vault = ?)",
                    "select private_key_sealed from certificate_operation where private_key_sealed is not null"
                            + " and certificate_id in (select id from certificate where vault = ?)")) {
                List<byte[]> sealed = column(connection, query);
                assertThat(sealed).as(query).isNotEmpty();
                for (byte[] value : sealed) {
                    assertThat(SealedData.fromBytes(value).kekId()).as("%s is an envelope under the active KEK", query).isEqualTo(activeKek);
                }
            }

            // No table holds any of the secrets in clear: not as text, not base64, not as bytes (bytea shows as hex).
            Map<String, String> secrets = new LinkedHashMap<>(secretForms());
            secrets.put("EAB key id", EAB_KID);
            secrets.put("EAB key id (bytes)", hex(EAB_KID.getBytes(StandardCharsets.UTF_8)));
            secrets.put("EAB HMAC (bytes of its text)", hex(EAB_HMAC.getBytes(StandardCharsets.UTF_8)));
            secrets.put("imported key (PKCS#8 bytes)", hex(CHAIN.leafKey().getPrivate().getEncoded()));
            // Any EC P-256 or RSA private key in PKCS#8, such as an ACME account key, whoever's it is.
            // (version 0, then the algorithm: in a public key the algorithm follows no version)
            secrets.put("an EC P-256 PKCS#8 key (bytes)", "020100301306072a8648ce3d020106082a8648ce3d030107");
            secrets.put("an EC P-256 PKCS#8 key with public key (base64)", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH");
            secrets.put("an EC P-256 PKCS#8 key without public key (base64)", "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQc");
            secrets.put("an RSA PKCS#8 key (bytes)", "020100300d06092a864886f70d0101010500");
            secrets.put("an RSA PKCS#8 key (base64)", "ADANBgkqhkiG9w0BAQEFAAS");
            List<String> found = new ArrayList<>();
            for (String table : tables(connection)) {
                try (var statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        String row = rows.getString(1).toLowerCase();
                        secrets.forEach((what, value) -> {
                            if (row.contains(value.toLowerCase())) {
                                found.add(what + " in table " + table + ": " + abbreviate(row));
                            }
                        });
                    }
                }
            }
            assertThat(found).isEmpty();
        }
    }

    /** Everything the scenario sends: successes, refusals and malformed requests, each with a secret in it. */
    private void scenario() throws Exception {
        vault = newVault();
        String pfx = CHAIN.pfxBase64(PFX_PASSWORD);
        String encryptedKeyPem = PemCodec.writeCertificates(List.of(CHAIN.leaf(), CHAIN.intermediate())) + encryptedKeyPem();

        importValue("pfx", pfx, PFX_PASSWORD, 200);
        importValue("pfx-wrong", pfx, WRONG_PFX_PASSWORD, 400);
        importValue("pfx-none", pfx, null, 400);
        importPem("pem");
        importValue("pem-encrypted-wrong", encryptedKeyPem, WRONG_PFX_PASSWORD, 400);
        importValue("pem-encrypted", encryptedKeyPem, KEY_PASSWORD, 200);
        importValue("key-only", keyPem(), null, 400);
        importValue("key-of-another", PemCodec.writeCertificates(List.of(TestCertificates.validChain("CN=other", new KeySpec.Ec(Curve.P_256)).leaf()))
                + keyPem(), null, 400);
        // Malformed and mistyped bodies that carry the secrets where the parser stumbles over them.
        for (String body : List.of(
                "{\"value\": \"x\", \"pwd\": " + PFX_PASSWORD + "}",
                "{\"value\": \"x\", \"pwd\": \"" + PFX_PASSWORD + "\", \"pwd\": \"" + WRONG_PFX_PASSWORD + "\"}",
                "{\"value\": \"x\", \"password\": \"" + PFX_PASSWORD + "\"}",
                "{\"value\": \"x\", \"pwd\": [\"" + PFX_PASSWORD + "\"]}",
                "{\"value\": {\"pem\": " + json(keyPem()) + "}}",
                "{\"value\": " + json(keyPem()) + ", \"pwd\": " + PFX_PASSWORD.length() + "}",
                "{\"value\": " + keyPem().replace("\n", " ") + "}",
                "{\"value\": \"" + TOKEN + "\"}")) {
            send(request().body(body), "post", "/certificates/malformed/import").then().statusCode(400);
        }
        send(request().body("{\"value\": \"" + "A".repeat(3 << 20) + PFX_PASSWORD + "\"}"), "post", "/certificates/big/import")
                .then().statusCode(413);

        // A merge and a restore given the private key instead of certificates.
        send(request().body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=manual\"},"
                + " \"issuer\": {\"name\": \"Unknown\"}}}"), "post", "/certificates/manual/create").then().statusCode(202);
        send(request().body("{\"x5c\": [" + json(keyPem()) + "]}"), "post", "/certificates/manual/pending/merge").then().statusCode(400);
        send(request().body("{\"x5c\": [\"" + base64(CHAIN.leafKey().getPrivate().getEncoded()) + "\"]}"), "post",
                "/certificates/manual/pending/merge").then().statusCode(400);
        send(request().body("{\"value\": \"" + base64url(CHAIN.leafKey().getPrivate().getEncoded()) + "\"}"), "post", "/certificates/restore")
                .then().statusCode(400);
        send(request(), "post", "/certificates/pem/backup").then().statusCode(200);

        // ACME issuers with External Account Binding: the right HMAC issues, a wrong one fails at the CA, a malformed one is refused.
        putIssuer("eab", EAB_HMAC);
        putIssuer("eab-wrong", WRONG_HMAC);
        putIssuer("eab-malformed", MALFORMED_HMAC, 400);
        send(request().body("{\"provider\": \"acme\", \"credentials\": \"" + EAB_HMAC + "\"}"), "put", "/certificates/issuers/broken")
                .then().statusCode(400);
        send(request().body("{\"attributes\": {\"enabled\": true}, \"credentials\": {\"account_id\": \"" + EAB_KID + "\", \"pwd\": \"" + EAB_HMAC + "\"}}"),
                "patch", "/certificates/issuers/eab").then().statusCode(200);
        send(request(), "get", "/certificates/issuers/eab").then().statusCode(200);
        send(request(), "get", "/certificates/issuers").then().statusCode(200);
        create("acme-ok", "eab");
        create("acme-wrong", "eab-wrong");
        awaitPending("acme-ok", response -> "completed".equals(response.jsonPath().getString("status")));
        awaitPending("acme-wrong", response -> response.jsonPath().getString("error.code") != null);
        send(request(), "get", "/certificates/acme-ok").then().statusCode(200);
    }

    private void importPem(String name) {
        importValue(name, PemCodec.writeCertificates(List.of(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root())) + keyPem(), null, 200);
    }

    private void importValue(String name, String value, String password, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", value);
        if (password != null) {
            body.put("pwd", password);
        }
        send(request().body(body), "post", "/certificates/" + name + "/import").then().statusCode(status);
    }

    private void putIssuer(String name, String hmac) {
        putIssuer(name, hmac, 200);
    }

    private void putIssuer(String name, String hmac, int status) {
        send(request().body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + pebble.directoryUrl() + "\"},"
                + " \"credentials\": {\"account_id\": \"" + EAB_KID + "\", \"pwd\": \"" + hmac + "\"}}"), "put", "/certificates/issuers/" + name)
                .then().statusCode(status);
    }

    private void create(String name, String issuer) {
        send(request().body("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=" + name
                + ".renewd.test\", \"sans\": {\"dns_names\": [\"" + name + ".renewd.test\"]}}, \"issuer\": {\"name\": \"" + issuer + "\"}}}"),
                "post", "/certificates/" + name + "/create").then().statusCode(202);
    }

    private void awaitPending(String name, java.util.function.Predicate<Response> done) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> done.test(send(request(), "get", "/certificates/" + name + "/pending")));
    }

    private String newVault() {
        String name = "v" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        given().header("Authorization", BEARER).contentType(ContentType.JSON).put("/vaults/{v}", name).then().statusCode(201);
        return name;
    }

    private RequestSpecification request() {
        return given().header("Authorization", BEARER).contentType(ContentType.JSON);
    }

    /** Sends a request to the scenario's vault and keeps the answer's body for the check. */
    private Response send(RequestSpecification request, String method, String path) {
        Response response = request.request(method.toUpperCase(), "/vaults/" + vault + path);
        responses.add(response.asString());
        return response;
    }

    /** Each secret in the forms it could leak in. */
    private static Map<String, String> secretForms() throws Exception {
        Map<String, String> forms = new LinkedHashMap<>();
        for (var secret : Map.of("PFX password", PFX_PASSWORD, "wrong PFX password", WRONG_PFX_PASSWORD, "key password", KEY_PASSWORD,
                "EAB HMAC", EAB_HMAC, "wrong EAB HMAC", WRONG_HMAC, "malformed EAB HMAC", MALFORMED_HMAC, "bearer token", TOKEN).entrySet()) {
            byte[] utf8 = secret.getValue().getBytes(StandardCharsets.UTF_8);
            forms.put(secret.getKey(), secret.getValue());
            forms.put(secret.getKey() + " (base64)", base64(utf8).replace("=", ""));
            forms.put(secret.getKey() + " (base64url)", base64url(utf8));
        }
        for (var hmac : Map.of("EAB HMAC", EAB_HMAC, "wrong EAB HMAC", WRONG_HMAC).entrySet()) {
            byte[] key = Base64.getUrlDecoder().decode(hmac.getValue());
            forms.put(hmac.getKey() + " (decoded, base64)", base64(key).replace("=", ""));
            forms.put(hmac.getKey() + " (decoded, hex)", hex(key));
        }
        for (String segment : TOKEN.split("\\.")) {
            forms.put("bearer token segment " + segment.substring(0, 8), segment);
        }
        byte[] pkcs8 = CHAIN.leafKey().getPrivate().getEncoded();
        forms.put("private key (PKCS#8 base64)", base64(pkcs8));
        List<String> lines = keyPem().lines().filter(line -> !line.startsWith("-----")).toList();
        // A PKCS#8 EC key may carry its public key (RFC 5915; AWS-LC's do): a line made only of it is in the certificate too.
        String certificate = base64(CHAIN.leaf().getEncoded());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() >= 40 && !certificate.contains(lines.get(i))) {
                forms.put("private key PEM line " + (i + 1), lines.get(i));
            }
        }
        byte[] scalar = ((ECPrivateKey) CHAIN.leafKey().getPrivate()).getS().toByteArray();
        forms.put("private key scalar (hex)", hex(scalar).replaceFirst("^00", ""));
        forms.put("private key scalar (base64)", base64(scalar).replace("=", ""));
        return forms;
    }

    private static String keyPem() {
        return PemCodec.writePrivateKey(CHAIN.leafKey().getPrivate());
    }

    private static String encryptedKeyPem() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                .setIterationCount(1000).setPassword(KEY_PASSWORD.toCharArray()).build();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8EncryptedPrivateKeyInfoBuilder(CHAIN.leafKey().getPrivate()).build(encryptor));
        }
        return text.toString();
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        assertThat(tables).contains("certificate_issuer", "acme_account", "certificate_version", "certificate_operation", "outbox");
        return tables;
    }

    private List<byte[]> column(Connection connection, String query) throws SQLException {
        List<byte[]> values = new ArrayList<>();
        try (var statement = connection.prepareStatement(query)) {
            if (query.contains("?")) {
                statement.setString(1, vault);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getBytes(1));
                }
            }
        }
        return values;
    }

    private static String json(String text) {
        return io.vertx.core.json.Json.encode(text);
    }

    private static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }

    /** Every record logged while it runs (message, MDC and stack trace), with some categories at DEBUG. */
    static final class LogCapture extends Handler {

        final Queue<String> lines = new ConcurrentLinkedQueue<>();
        private final Map<Logger, Level> levels = new LinkedHashMap<>();
        private final List<Logger> held = new ArrayList<>();

        static LogCapture start(String... debugCategories) {
            LogCapture capture = new LogCapture();
            capture.setLevel(Level.ALL);
            for (String category : debugCategories) {
                Logger logger = Logger.getLogger(category);
                capture.held.add(logger);
                capture.levels.put(logger, logger.getLevel());
                logger.setLevel(Level.FINE);
            }
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        void stop() {
            Logger.getLogger("").removeHandler(this);
            levels.forEach(Logger::setLevel);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLevel() + " [" + record.getLoggerName() + "] ");
            if (record instanceof ExtLogRecord ext) {
                line.append(ext.getFormattedMessage());
                ext.getMdcCopy().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
            } else {
                line.append(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
