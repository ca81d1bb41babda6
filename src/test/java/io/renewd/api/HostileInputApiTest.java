package io.renewd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.PemCodec;
import io.renewd.testing.HostileBytes;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API never answers hostile bytes with a 5xx: thousands of random and damaged certificates,
 * keys, chains, CSRs, PFX and PKCS#7 files and backup blobs (see {@link HostileBytes}) go to the
 * endpoints that take certificates or keys (import, merge, restore), and every answer is a 4xx in
 * Key Vault's error shape, or, for the rare damage that leaves an input valid, a success; nothing
 * is stored by a refused request. Fixed seeds: a failure names its input and reproduces.
 */
@QuarkusTest
class HostileInputApiTest {

    private static final long SEED = 20261130L;
    private static final String PASSWORD = "fuzz-pass";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final TestCertificates.Chain RSA = TestCertificates.validChain("CN=fuzz.example.com", new KeySpec.Rsa(2048));
    private static final TestCertificates.Chain EC = TestCertificates.validChain("CN=fuzz-ec.example.com", new KeySpec.Ec(Curve.P_256));

    /** A certificate a person signs (EC keys: quick to make when a merge succeeds and the next target is needed). */
    private static final String MANUAL_EC = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=merge.example.com"},
                        "issuer": {"name": "Unknown"}}}""";

    /** Import values: PEM text or base64 PFX, each with the password it needs. */
    private static final Map<String, String> IMPORTS = new LinkedHashMap<>();

    @BeforeAll
    static void makeImportSamples() throws Exception {
        Path dir = Files.createTempDirectory("fuzz-api");
        Files.writeString(dir.resolve("leaf.pem"), PemCodec.writeCertificates(List.of(RSA.leaf())) + PemCodec.writePrivateKey(RSA.leafKey().getPrivate()));
        Files.writeString(dir.resolve("chain.pem"), PemCodec.writeCertificates(List.of(RSA.intermediate(), RSA.root())));
        // Few iterations keep thousands of PFX parses fast; the structure is what matters.
        openssl(dir, "pkcs12", "-export", "-in", "leaf.pem", "-certfile", "chain.pem", "-iter", "16", "-passout", "pass:" + PASSWORD, "-out", "modern.pfx");
        openssl(dir, "pkcs12", "-export", "-legacy", "-in", "leaf.pem", "-certfile", "chain.pem", "-iter", "16", "-passout", "pass:" + PASSWORD,
                "-out", "legacy.pfx");
        openssl(dir, "pkcs12", "-export", "-in", "leaf.pem", "-certfile", "chain.pem", "-iter", "16", "-nomac", "-passout", "pass:" + PASSWORD,
                "-out", "nomac.pfx");

        IMPORTS.put("PEM chain + PKCS#8 key", RSA.pem());
        IMPORTS.put("PEM EC chain + PKCS#8 key", EC.pem());
        IMPORTS.put("PEM + encrypted PKCS#8", PemCodec.writeCertificates(List.of(EC.leaf(), EC.intermediate(), EC.root())) + pem(
                new JcaPKCS8EncryptedPrivateKeyInfoBuilder(EC.leafKey().getPrivate()).build(
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC).setIterationCount(16).setPassword(PASSWORD.toCharArray()).build())));
        IMPORTS.put("PEM + legacy encrypted key", PemCodec.writeCertificates(List.of(EC.leaf(), EC.intermediate())) + pem(
                new JcaMiscPEMGenerator(EC.leafKey().getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD.toCharArray()))));
        // A lone leaf (no chain to check its signature against): damage to its fields reaches the certificate's facts and policy.
        var richKey = io.renewd.pki.KeyPairs.generate(new KeySpec.Rsa(2048));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate rich = CertificateIssuance.signedBy(richKey.getPublic(), new CertificateTemplate("CN=rich.example.com,O=Fuzz,C=DE",
                        new io.renewd.domain.SubjectAlternativeNames(List.of("rich.example.com", "*.rich.example.com"), List.of("pki@example.com"),
                                List.of("svc@corp.example.com"), List.of("192.0.2.1", "2001:db8::1")),
                        Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT), List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"),
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(190)), false, null),
                RSA.intermediate(), RSA.intermediateKey().getPrivate());
        IMPORTS.put("PEM lone leaf with every kind of SAN + key", PemCodec.writeCertificates(List.of(rich)) + PemCodec.writePrivateKey(richKey.getPrivate()));
        IMPORTS.put("PFX modern", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("modern.pfx"))));
        IMPORTS.put("PFX legacy", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("legacy.pfx"))));
        IMPORTS.put("PFX without MAC", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("nomac.pfx"))));
        IMPORTS.put("PKCS#7 base64 (not an import format)", Base64.getEncoder().encodeToString(pkcs7(List.of(RSA.leaf(), RSA.intermediate()))));
        IMPORTS.put("CSR PEM (not an import format)", Csrs.toPem(Csrs.create(EC.leafKey(), template("CN=csr.example.com"))));
    }

    @Test
    void importAnswersHostileInputWith4xxInKeyVaultsShapeAndStoresNothing() throws Exception {
        String vault = TestVaults.create();
        Random random = new Random(SEED);
        Outcomes outcomes = new Outcomes();
        for (var sample : IMPORTS.entrySet()) {
            send(vault, "import", "sample " + sample.getKey(), importBody(sample.getValue(), PASSWORD), outcomes);
        }
        assertThat(outcomes.successes).as("every valid sample imports (the fuzz starts from real inputs)").hasSize(8);

        List<Map.Entry<String, String>> samples = List.copyOf(IMPORTS.entrySet());
        for (int i = 0; i < 1_200; i++) {
            var sample = samples.get(random.nextInt(samples.size()));
            String value = sample.getValue();
            String damaged;
            String how;
            if (value.startsWith("-----") || value.contains("-----BEGIN")) {
                var mutation = HostileBytes.PemMutation.values()[random.nextInt(HostileBytes.PemMutation.values().length)];
                damaged = HostileBytes.mutatePem(value, mutation, random);
                how = mutation.name();
            } else {
                var mutation = HostileBytes.Base64Mutation.values()[random.nextInt(HostileBytes.Base64Mutation.values().length)];
                damaged = HostileBytes.mutateBase64(value, mutation, random);
                how = mutation.name();
            }
            send(vault, "import", sample.getKey() + " / " + how, importBody(damaged, password(random)), outcomes);
        }
        for (int i = 0; i < 100; i++) {
            String value = switch (i % 5) {
                case 0 -> Base64.getEncoder().encodeToString(HostileBytes.randomBytes(random, 8192));
                case 1 -> Base64.getEncoder().encodeToString(HostileBytes.nestedGarbage(random));
                case 2 -> HostileBytes.randomText(random, 4096);
                case 3 -> "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(HostileBytes.randomBytes(random, 4096))
                        + "\n-----END CERTIFICATE-----\n";
                default -> new String[] {"", " ", "\n", "=", "-----BEGIN", "-----BEGIN CERTIFICATE-----", "AAAA", "null"}[random.nextInt(8)];
            };
            send(vault, "import", "random #" + i, importBody(value, password(random)), outcomes);
        }

        outcomes.assertNoServerErrors(1_300);
        // Nothing but the successful imports is stored: no certificate, no pending operation, no version.
        assertThat(certificateNames(vault)).containsExactlyInAnyOrderElementsOf(outcomes.successes);
    }

    @Test
    void mergeAnswersHostileInputWith4xxInKeyVaultsShapeAndStoresNothing() throws Exception {
        String vault = TestVaults.create();
        Random random = new Random(SEED + 1);
        Outcomes outcomes = new Outcomes();
        MergeTarget target = new MergeTarget(vault, 0);
        for (int i = 0; i < 600; i++) {
            List<String> x5c = target.damagedX5c(random);
            boolean merged = send(vault, "pending/merge", target.name + " / " + target.lastHow, mergeBody(x5c), target.name, outcomes);
            if (merged) {
                target = target.next(vault, i + 1); // the operation is complete: the next inputs go to a new one
            }
        }
        outcomes.assertNoServerErrors(600);
        // A refused merge leaves the operation in progress and the certificate without a version.
        for (String name : target.allNames) {
            boolean merged = outcomes.successes.contains(name);
            given().get("/vaults/{v}/certificates/{n}/pending", vault, name).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.is(merged ? "completed" : "inProgress"));
            given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().statusCode(200)
                    .body("value.size()", org.hamcrest.Matchers.is(merged ? 1 : 0));
        }
    }

    @Test
    void restoreAnswersHostileBlobsWith4xxInKeyVaultsShapeAndStoresNothing() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/backed-up/create", vault).then().statusCode(202);
        String blob = given().post("/vaults/{v}/certificates/backed-up/backup", vault).then().statusCode(200).extract().path("value");
        byte[] sealed = Base64.getUrlDecoder().decode(blob);
        String target = TestVaults.create();
        Random random = new Random(SEED + 2);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 300; i++) {
            String damaged;
            String how;
            if (i % 4 == 3) {
                var mutation = HostileBytes.Base64Mutation.values()[random.nextInt(HostileBytes.Base64Mutation.values().length)];
                damaged = HostileBytes.mutateBase64(Base64.getEncoder().encodeToString(sealed), mutation, random)
                        .replace('+', '-').replace('/', '_');
                how = "base64 " + mutation;
            } else {
                var mutation = HostileBytes.DerMutation.values()[random.nextInt(HostileBytes.DerMutation.values().length)];
                damaged = Base64.getUrlEncoder().withoutPadding().encodeToString(HostileBytes.mutate(sealed, mutation, random));
                how = "bytes " + mutation;
            }
            sendTo("/vaults/" + target + "/certificates/restore", "restore / " + how, "{\"value\": " + quote(damaged) + "}", "backed-up", outcomes);
        }
        outcomes.assertNoServerErrors(300);
        assertThat(certificateNames(target)).containsExactlyInAnyOrderElementsOf(outcomes.successes);
    }

    /** A certificate with an operation waiting for a merge, and the inputs a CA could send for it. */
    private static final class MergeTarget {
        final List<String> allNames;
        final String name;
        final Map<String, List<String>> samples = new LinkedHashMap<>();
        String lastHow = "";

        MergeTarget(String vault, int generation) throws Exception {
            this(vault, generation, new ArrayList<>());
        }

        private MergeTarget(String vault, int generation, List<String> names) throws Exception {
            this.name = "merge-" + generation;
            this.allNames = names;
            names.add(name);
            String csrBase64 = given().contentType(ContentType.JSON).body(MANUAL_EC)
                    .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202).extract().path("csr");
            CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
            X509Certificate signed = CertificateIssuance.signedBy(csr.publicKey(), template(csr.subject()), RSA.intermediate(),
                    RSA.intermediateKey().getPrivate());
            samples.put("DER chain", List.of(der(signed), der(RSA.intermediate()), der(RSA.root())));
            samples.put("DER leaf", List.of(der(signed)));
            samples.put("PEM chain", List.of(PemCodec.writeCertificates(List.of(RSA.root(), signed, RSA.intermediate()))));
            samples.put("PKCS#7 base64", List.of(Base64.getEncoder().encodeToString(pkcs7(List.of(signed, RSA.intermediate())))));
            samples.put("PKCS#7 PEM", List.of("-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs7(List.of(signed, RSA.intermediate(), RSA.root()))) + "\n-----END PKCS7-----\n"));
            samples.put("CSR base64 (not a certificate)", List.of(csrBase64));
            samples.put("CSR PEM (not a certificate)", List.of(Csrs.toPem(csr)));
        }

        MergeTarget next(String vault, int generation) throws Exception {
            return new MergeTarget(vault, generation, allNames);
        }

        List<String> damagedX5c(Random random) {
            if (random.nextInt(20) == 0) {
                lastHow = "random";
                return switch (random.nextInt(4)) {
                    case 0 -> List.of(Base64.getEncoder().encodeToString(HostileBytes.randomBytes(random, 4096)));
                    case 1 -> List.of(Base64.getEncoder().encodeToString(HostileBytes.nestedGarbage(random)));
                    case 2 -> List.of(HostileBytes.randomText(random, 2048));
                    default -> new ArrayList<>(java.util.Collections.nCopies(random.nextInt(40), der(RSA.root())));
                };
            }
            List<Map.Entry<String, List<String>>> all = List.copyOf(samples.entrySet());
            var sample = all.get(random.nextInt(all.size()));
            List<String> x5c = new ArrayList<>(sample.getValue());
            int element = random.nextInt(x5c.size());
            String value = x5c.get(element);
            if (value.contains("-----BEGIN")) {
                var mutation = HostileBytes.PemMutation.values()[random.nextInt(HostileBytes.PemMutation.values().length)];
                x5c.set(element, HostileBytes.mutatePem(value, mutation, random));
                lastHow = sample.getKey() + " / " + mutation;
            } else {
                var mutation = HostileBytes.Base64Mutation.values()[random.nextInt(HostileBytes.Base64Mutation.values().length)];
                x5c.set(element, HostileBytes.mutateBase64(value, mutation, random));
                lastHow = sample.getKey() + " / " + mutation;
            }
            return x5c;
        }
    }

    /** What the API answered. */
    private static final class Outcomes {
        final List<String> failures = new ArrayList<>();
        final Set<String> successes = new HashSet<>();
        int answers;

        void assertNoServerErrors(int atLeast) {
            assertThat(answers).isGreaterThanOrEqualTo(atLeast);
            assertThat(failures).as("answers that were not a 4xx in Key Vault's shape nor a success").isEmpty();
        }
    }

    private static int counter;

    private static boolean send(String vault, String operation, String what, String body, Outcomes outcomes) {
        String name = "f" + counter++;
        return send(vault, operation, what, body, name, outcomes);
    }

    private static boolean send(String vault, String operation, String what, String body, String name, Outcomes outcomes) {
        return sendTo("/vaults/" + vault + "/certificates/" + name + "/" + operation, what, body, name, outcomes);
    }

    /** Sends one input; true when it was accepted. */
    private static boolean sendTo(String path, String what, String body, String name, Outcomes outcomes) {
        Response response = given().contentType(ContentType.JSON).body(body).post(path);
        outcomes.answers++;
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            outcomes.successes.add(name);
            return true;
        }
        String code = null;
        String message = null;
        try {
            code = response.jsonPath().getString("error.code");
            message = response.jsonPath().getString("error.message");
        } catch (RuntimeException notJson) {
            // reported below
        }
        if (status < 400 || status >= 500 || code == null || code.isBlank() || message == null || message.isBlank()) {
            if (outcomes.failures.size() < 25) {
                outcomes.failures.add(what + " -> " + status + " " + abbreviate(response.asString(), 300) + " for body " + abbreviate(body, 600));
            }
        }
        return false;
    }

    private static List<String> certificateNames(String vault) {
        List<String> names = new ArrayList<>();
        String next = "/vaults/" + vault + "/certificates?includePending=true";
        while (next != null) {
            var page = given().get(next).then().statusCode(200).extract().jsonPath();
            page.getList("value.id", String.class).forEach(id -> names.add(id.substring(id.lastIndexOf('/') + 1)));
            next = page.getString("nextLink");
        }
        return names;
    }

    private static String password(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> PASSWORD;
            case 3 -> null;
            case 4 -> "wrong";
            default -> HostileBytes.randomText(random, random.nextBoolean() ? 16 : 20_000);
        };
    }

    private static String importBody(String value, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", value);
        if (password != null) {
            body.put("pwd", password);
        }
        return json(body);
    }

    private static String mergeBody(List<String> x5c) {
        return json(Map.of("x5c", x5c));
    }

    private static String quote(String text) {
        return json(text);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "… (" + text.length() + " chars)";
    }

    private static CertificateTemplate template(String subject) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new CertificateTemplate(subject, null, Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), now, now.plus(Duration.ofDays(90)), false, null);
    }

    private static String der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] pkcs7(List<X509Certificate> certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
