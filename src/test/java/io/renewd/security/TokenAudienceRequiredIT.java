package io.renewd.security;

import static org.awaitility.Awaitility.await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.testing.RealServices;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged renewd (production profile) serving the API will not start without the audience
 * its tokens must carry: without it, a token the identity provider issued to any other
 * application would be let in. Only an explicit opt-out lets it start, with a warning at every start.
 */
class TokenAudienceRequiredIT {

    private static final String TEST_KEK = "it1:dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void withoutAnAudienceRenewdRefusesToStartAndNamesTheSetting() throws Exception {
        Started renewd = start("no-audience", Map.of());

        boolean ready = renewd.readyOrExited();
        String log = Files.readString(renewd.log());
        assertThat(ready).as("renewd started without quarkus.oidc.token.audience, so it would accept tokens for any application; log:%n%s", log)
                .isFalse();
        assertThat(renewd.process().exitValue()).isNotZero();
        assertThat(log).contains("quarkus.oidc.token.audience", "QUARKUS_OIDC_TOKEN_AUDIENCE", "renewd.security.allow-any-audience");
    }

    @Test
    void withTheExplicitOptOutItStartsAndWarnsThatAnyAudienceIsAccepted() throws Exception {
        Started renewd = start("any-audience", Map.of("renewd.security.allow-any-audience", "true"));

        assertThat(renewd.readyOrExited()).as("renewd starts with the opt-out; log:%n%s", Files.readString(renewd.log())).isTrue();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(renewd.log())) {
            if (line.startsWith("{")) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(lines).as("a warning at start").anySatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("message").asText()).contains("renewd.security.allow-any-audience", "any audience");
        });
        // What the opt-out means: a token issued for another application gets in.
        String other = TestTokens.token(TestTokens.ADMIN, List.of(TestTokens.ADMIN_GROUP), TestTokens.ISSUER, "https://other-application.test",
                Instant.now().plus(Duration.ofHours(1)));
        HttpResponse<String> vaults = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + renewd.port() + "/vaults")).header("Authorization", "Bearer " + other).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(vaults.statusCode()).isEqualTo(200);
    }

    private record Started(Process process, Path log, int port, int managementPort, HttpClient http) {

        /** Waits until renewd is ready (true) or has exited (false). */
        boolean readyOrExited() {
            await("renewd to become ready or exit").atMost(START_LIMIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> !process.isAlive() || ready());
            return process.isAlive();
        }

        private boolean ready() throws InterruptedException {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }
    }

    /** The packaged renewd as in production (%prod), with everything it needs but the token audience. */
    private Started start(String name, Map<String, String> extra) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged renewd (mvn verify packages it before the integration tests)").exists();
        Path logs = Files.createDirectories(Path.of("target", "audience-it"));
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> config = new HashMap<>(RealServices.get().quarkusConfig());
        config.put("quarkus.http.ssl-port", String.valueOf(port));
        config.put("quarkus.management.port", String.valueOf(managementPort));
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
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        return new Started(process, log, port, managementPort, http);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
