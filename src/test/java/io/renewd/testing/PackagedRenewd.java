package io.renewd.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged renewd ({@code target/quarkus-app}, made by {@code mvn verify} before the integration
 * tests) started as in production ({@code %prod}: HTTPS only, management port, HTTP-01 listener, JSON
 * logs) against the tests' real services, with the test TLS certificate, key-encryption key and token
 * key. Every listener is on a free port of 127.0.0.1 (the HTTP-01 listener on {@code renewd.acme.http01.port}
 * when {@code extra} gives one).
 */
public record PackagedRenewd(Process process, Path log, int port, int managementPort, int http01Port) implements AutoCloseable {

    public static final String HTTP01_PORT = "renewd.acme.http01.port";

    private static final String TEST_KEK = "it1:dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts it with {@code extra} settings on top; its output goes to {@code target/packaged-renewd/<name>.log}. */
    public static PackagedRenewd start(String name, Map<String, String> extra) throws IOException {
        return start(name, extra, Map.of());
    }

    /** As {@link #start(String, Map)}, with {@code environment} added to its environment variables. */
    public static PackagedRenewd start(String name, Map<String, String> extra, Map<String, String> environment) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged renewd (mvn verify packages it before the integration tests)").exists();
        Path logs = Files.createDirectories(Path.of("target", "packaged-renewd"));
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        int http01Port = extra.containsKey(HTTP01_PORT) ? Integer.parseInt(extra.get(HTTP01_PORT)) : FreePorts.next();
        Map<String, String> config = new HashMap<>(RealServices.get().quarkusConfig());
        config.put("quarkus.http.ssl-port", String.valueOf(port));
        config.put("quarkus.management.port", String.valueOf(managementPort));
        config.put(HTTP01_PORT, String.valueOf(http01Port));
        config.put("renewd.acme.http01.host", "127.0.0.1");
        config.putAll(TestTls.localhost().quarkusConfig());
        config.put("renewd.kek.keys", TEST_KEK);
        config.put("renewd.kek.active", "it1");
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.putAll(extra);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new PackagedRenewd(process, log, port, managementPort, http01Port);
    }

    /** Waits until renewd is ready (true) or has exited (false). */
    public boolean readyOrExited() {
        await("renewd to become ready or exit").atMost(START_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || ready());
        return process.isAlive();
    }

    /** The URL of an API path, with an api-version as Key Vault clients send it ({@link ApiVersionByDefault}). */
    public URI api(String path) {
        return URI.create("https://localhost:" + port + ApiVersionByDefault.withVersion(path));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Ready, and listening on the API port: the management interface (and its readiness) starts
     * before the HTTPS listener, so readiness alone may answer while the API is not reachable yet.
     */
    private boolean ready() throws InterruptedException {
        try (var api = new Socket("localhost", port)) {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
