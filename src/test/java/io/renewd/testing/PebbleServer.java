package io.renewd.testing;

import static org.awaitility.Awaitility.await;
import org.awaitility.core.ConditionTimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real ACME server for the tests that need one: Pebble, with {@code pebble-challtestsrv} as
 * its DNS so every name resolves to 127.0.0.1 and HTTP-01 validation reaches the test's own
 * HTTP port. Both processes die with the test JVM: each runs under a small shell wrapper that
 * kills it when its standard input (a pipe from this JVM) closes.
 */
public final class PebbleServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param httpChallengePort where Pebble connects to validate HTTP-01 challenges
     * @param externalAccountKeys EAB key id to base64url HMAC key; when not empty, EAB is required
     * @param certificateValidity how long the certificates Pebble issues are valid; null: Pebble's default (5 years)
     * @param dnsServer           the DNS server Pebble resolves through ({@code 127.0.0.1:port}, e.g. a {@link BindServer}
     *                            for DNS-01); null: its own pebble-challtestsrv, where every name is 127.0.0.1
     */
    public record Options(int httpChallengePort, Map<String, String> externalAccountKeys, Duration certificateValidity, String dnsServer) {
        public Options {
            externalAccountKeys = Map.copyOf(externalAccountKeys);
        }

        public Options(int httpChallengePort, Map<String, String> externalAccountKeys) {
            this(httpChallengePort, externalAccountKeys, null, null);
        }
    }

    private final Path workDir;
    private final int port;
    private final int managementPort;
    private final X509Certificate tlsCertificate;
    private final String dnsServer;
    private final List<Process> processes;

    private PebbleServer(Path workDir, int port, int managementPort, X509Certificate tlsCertificate, String dnsServer, List<Process> processes) {
        this.workDir = workDir;
        this.port = port;
        this.managementPort = managementPort;
        this.tlsCertificate = tlsCertificate;
        this.dnsServer = dnsServer;
        this.processes = processes;
    }

    public static PebbleServer start(Options options) {
        requireInstalled("pebble");
        requireInstalled("pebble-challtestsrv");
        List<Process> processes = new ArrayList<>();
        try {
            Path workDir = Files.createTempDirectory("pebble-");
            int port = FreePorts.next();
            int managementPort = FreePorts.next();
            int dnsPort = FreePorts.next();
            X509Certificate tlsCertificate = writeTlsMaterial(workDir);
            Files.writeString(workDir.resolve("pebble-config.json"), config(options, port, managementPort));

            processes.add(launch(workDir, "challtestsrv.log", Map.of(), "pebble-challtestsrv",
                    "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                    "-management", "127.0.0.1:" + FreePorts.next(), "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""));
            String dnsServer = options.dnsServer() != null ? options.dnsServer() : "127.0.0.1:" + dnsPort;
            processes.add(launchPebble(workDir, dnsServer));

            var server = new PebbleServer(workDir, port, managementPort, tlsCertificate, dnsServer, processes);
            server.awaitDirectory();
            return server;
        } catch (Exception e) {
            processes.forEach(PebbleServer::stop);
            throw new IllegalStateException("Pebble did not start: " + e.getMessage(), e);
        }
    }

    /** Stops the ACME server only (its DNS stays), as in a CA outage; it forgets its accounts and orders. */
    public synchronized void stopAcmeServer() {
        stop(processes.removeLast());
    }

    /** Starts the ACME server again on the same address, with the same TLS certificate (a new issuing root). */
    public synchronized void startAcmeServer() {
        try {
            processes.add(launchPebble(workDir, dnsServer));
            awaitDirectory();
        } catch (Exception e) {
            throw new IllegalStateException("Pebble did not start again: " + e.getMessage(), e);
        }
    }

    private static Process launchPebble(Path workDir, String dnsServer) throws IOException {
        return launch(workDir, "pebble.log", Map.of("PEBBLE_WFE_NONCEREJECT", "0", "PEBBLE_VA_NOSLEEP", "1"),
                "pebble", "-config", workDir.resolve("pebble-config.json").toString(), "-dnsserver", dnsServer);
    }

    public URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + port + "/dir");
    }

    /** The certificate Pebble's HTTPS listeners present; clients must trust it. */
    public X509Certificate tlsCertificate() {
        return tlsCertificate;
    }

    /**
     * Writes a PKCS#12 trust store with {@link #tlsCertificate()} to {@code file} (password {@code changeit}), for a
     * packaged renewd's {@code renewd.acme.trust-store}; answers the file's absolute path.
     */
    public Path writeTrustStore(Path file) {
        try {
            return TrustStores.add(file, "changeit".toCharArray(), "pebble", tlsCertificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The root that signs what Pebble issues (new at every start), as PEM. */
    public String issuingRootPem() {
        return get(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).body();
    }

    /** GET over HTTPS trusting Pebble's listener certificate. */
    public HttpResponse<String> get(URI uri) {
        try (var client = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(PebbleServer::stop);
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + workDir + ": " + e.getMessage());
        }
    }

    public String log() {
        try {
            return Files.readString(workDir.resolve("pebble.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitDirectory() {
        AtomicReference<String> lastError = new AtomicReference<>("");
        try {
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (processes.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException("a Pebble process exited; its log:\n" + log());
                }
                try {
                    return get(directoryUrl()).statusCode() == 200;
                } catch (IllegalStateException e) {
                    lastError.set(e.getMessage());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no directory at " + directoryUrl() + " after " + STARTUP_TIMEOUT
                    + " (" + lastError.get() + "); its log:\n" + log());
        }
    }

    private SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("pebble", tlsCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String config(Options options, int port, int managementPort) {
        String eabKeys = options.externalAccountKeys().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        return """
                {
                  "pebble": {
                    "listenAddress": "127.0.0.1:%d",
                    "managementListenAddress": "127.0.0.1:%d",
                    "certificate": "cert.pem",
                    "privateKey": "key.pem",
                    "httpPort": %d,
                    "tlsPort": 5001,
                    "ocspResponderURL": "",
                    "externalAccountBindingRequired": %s,
                    "externalAccountMACKeys": %s%s
                  }
                }
                """.formatted(port, managementPort, options.httpChallengePort(),
                !options.externalAccountKeys().isEmpty(), eabKeys, options.certificateValidity() == null ? ""
                        : ",\n    \"certificateValidityPeriod\": " + options.certificateValidity().toSeconds());
    }

    private static X509Certificate writeTlsMaterial(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=pebble test listener");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
        Files.writeString(dir.resolve("cert.pem"), pem(certificate));
        // PKCS#8: the SEC1 form BC writes for a JDK EC key lacks the curve, which Go refuses.
        Files.writeString(dir.resolve("key.pem"), pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)));
        return certificate;
    }

    private static String pem(Object object) throws IOException {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static Process launch(Path workDir, String logName, Map<String, String> env, String... command) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
                "exec 3<&0; \"$@\" & child=$!; (cat >/dev/null; kill $child 2>/dev/null) <&3 & wait $child", "pebble-wrapper"));
        wrapped.addAll(List.of(command));
        var builder = new ProcessBuilder(wrapped)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(logName).toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void requireInstalled(String command) {
        boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        if (!found) {
            throw new IllegalStateException(command + " is not installed: apt-get install pebble (.ci/run and scripts/test.sh do)");
        }
    }
}
