package io.renewd.cli;

import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.RealServices;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged client, {@code java -jar target/renewctl.jar}, as users run it: its help, and real calls to the packaged
 * renewd over HTTPS and to the test Kafka broker, so the jar is known to hold what it needs (Jackson, the Kafka client).
 */
class RenewctlJarIT {

    private static final Path JAR = Path.of("target", "renewctl.jar");
    private static PackagedRenewd renewd;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws IOException {
        renewd = PackagedRenewd.start("renewctl", Map.of("quarkus.oidc.token.audience", TestTokens.AUDIENCE));
        assertThat(renewd.readyOrExited()).as("renewd starts in %%prod; log:%n%s", Files.readString(renewd.log())).isTrue();
    }

    @AfterAll
    static void stop() {
        renewd.close();
    }

    @Test
    void helpNamesTheExitCodes() throws Exception {
        Run help = renewctl(Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("cert list", "events tail", "exit codes:").containsPattern("\n  5 +not found");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void createsListsAndTailsTheEventThroughThePackagedJar() throws Exception {
        String vault = TestVaults.newName();
        try (HttpClient client = HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build()) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(renewd.api("/vaults/" + vault))
                    .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        Map<String, String> env = Map.of("RENEWD_URL", "https://localhost:" + renewd.port(), "RENEWD_VAULT", vault,
                "RENEWD_CACERT", TestTls.localhost().certificateFile().toString(), "RENEWD_TOKEN", TestTokens.admin(),
                "RENEWD_KAFKA_BOOTSTRAP_SERVERS", RealServices.get().kafkaBootstrapServers());

        Run create = renewctl(env, "cert", "create", "web", "--subject", "CN=web.example.com", "--wait");
        assertThat(create.exit()).as(create.toString()).isZero();
        assertThat(create.out()).contains("creation of web completed").containsPattern("issuer +Self");

        Run list = renewctl(env, "cert", "list", "-o", "json");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("/certificates/web\"");

        Run tail = renewctl(env, "events", "tail", "--topics", "renewd.certificate.renewed", "--from-beginning", "--max", "1", "--timeout", "90");
        assertThat(tail.exit()).as(tail.toString()).isZero();
        assertThat(tail.out()).contains("NewVersionCreated  " + vault + "/web");
        assertThat(tail.err()).as("no logging noise from the Kafka client").doesNotContain("SLF4J", "WARN", "INFO");

        Run missing = renewctl(env, "cert", "show", "absent");
        assertThat(missing.exit()).isEqualTo(5);
        assertThat(missing.err()).startsWith("renewctl: not found (HTTP 404 CertificateNotFound)");
    }

    private static Run renewctl(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("mvn package makes target/renewctl.jar before the integration tests").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("RENEWD_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("renewctl", ".out");
        Path err = Files.createTempFile("renewctl", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("renewctl %s ends", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
