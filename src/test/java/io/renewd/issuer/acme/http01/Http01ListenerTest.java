package io.renewd.issuer.acme.http01;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-HTTP listener that answers HTTP-01 validation requests, and nothing else. */
@QuarkusTest
class Http01ListenerTest {

    @Inject
    Http01Listener listener;

    @Inject
    Http01Challenges challenges;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL api;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void answersAStoredTokenForItsOwnNameUntilItExpires() throws IOException {
        String token = newToken();
        challenges.remember(token, token + ".thumbprint", "https://ca.example/order/" + token, "www.renewd.test", Instant.now().plus(Duration.ofMinutes(5)));

        Answer answer = request(listener.port(), "GET", ChallengePath.PREFIX + token, "www.renewd.test");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo(token + ".thumbprint");
        assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + token, "WWW.renewd.test:80").status()).isEqualTo(200);

        assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + token, "other.renewd.test").status())
                .as("a token answers only for the name it proves").isEqualTo(404);
        assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + newToken(), "www.renewd.test").status()).as("unknown token").isEqualTo(404);
        for (String malformed : List.of("bad.token", "a".repeat(129), "tok%20en", "tok$en")) {
            assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + malformed, "www.renewd.test").status()).as(malformed).isEqualTo(404);
        }
        assertThat(request(listener.port(), "POST", ChallengePath.PREFIX + token, "www.renewd.test").status()).as("only GET").isEqualTo(404);

        TestClock.advance(Duration.ofMinutes(6));
        assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + token, "www.renewd.test").status()).as("expired").isEqualTo(404);
    }

    @Test
    void servesNeitherTheApiNorHealthNorMetricsAndTheApiPortNoChallenges() throws IOException {
        for (String path : List.of("/", "/vaults", "/vaults/any/certificates", "/certificates", "/q/health", "/q/health/ready",
                "/q/metrics", "/q/openapi", "/q/swagger-ui", "/admin/rewrap")) {
            Answer answer = request(listener.port(), "GET", path, "localhost");
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEmpty();
        }

        String token = newToken();
        challenges.remember(token, token + ".thumbprint", "https://ca.example/order/" + token, "localhost", Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(request(api.getPort(), "GET", ChallengePath.PREFIX + token, "localhost").status())
                .as("the API's port answers no challenges").isEqualTo(404);
        assertThat(request(listener.port(), "GET", ChallengePath.PREFIX + token, "localhost").status()).isEqualTo(200);
    }

    @Test
    void countsAnswersAndTokensNotFound() throws IOException {
        double answered = count("answered");
        double notFound = count("not-found");
        String token = newToken();
        challenges.remember(token, token + ".thumbprint", "https://ca.example/order/" + token, "localhost", Instant.now().plus(Duration.ofMinutes(5)));

        request(listener.port(), "GET", ChallengePath.PREFIX + token, "localhost");
        request(listener.port(), "GET", ChallengePath.PREFIX + newToken(), "localhost");
        request(listener.port(), "GET", ChallengePath.PREFIX + token, "elsewhere.renewd.test");

        assertThat(count("answered") - answered).isEqualTo(1);
        assertThat(count("not-found") - notFound).isEqualTo(2);
    }

    private double count(String result) {
        return registry.get("renewd.acme.http01.requests").tag("result", result).counter().count();
    }

    private static String newToken() {
        return "tok_" + UUID.randomUUID().toString().replace("-", "");
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
        }
    }

    /** One raw HTTP/1.1 request: clients fix the Host header, a CA's validation request names the identifier. */
    private static Answer request(int port, String method, String path, String host) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = response.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, response.substring(end + 4));
        }
    }
}
