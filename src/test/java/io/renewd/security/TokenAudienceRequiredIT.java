package io.renewd.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.testing.PackagedRenewd;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged renewd (production profile) serving the API will not start without the audience
 * its tokens must carry: without it, a token the identity provider issued to any other
 * application would be let in. Only an explicit opt-out lets it start, with a warning at every start.
 */
class TokenAudienceRequiredIT {

    private final List<PackagedRenewd> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(PackagedRenewd::close);
    }

    @Test
    void withoutAnAudienceRenewdRefusesToStartAndNamesTheSetting() throws Exception {
        PackagedRenewd renewd = start("no-audience", Map.of());

        boolean ready = renewd.readyOrExited();
        String log = Files.readString(renewd.log());
        assertThat(ready).as("renewd started without quarkus.oidc.token.audience, so it would accept tokens for any application; log:%n%s", log)
                .isFalse();
        assertThat(renewd.process().exitValue()).isNotZero();
        assertThat(log).contains("quarkus.oidc.token.audience", "QUARKUS_OIDC_TOKEN_AUDIENCE", "renewd.security.allow-any-audience");
    }

    @Test
    void withTheExplicitOptOutItStartsAndWarnsThatAnyAudienceIsAccepted() throws Exception {
        PackagedRenewd renewd = start("any-audience", Map.of("renewd.security.allow-any-audience", "true"));

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
                HttpRequest.newBuilder(renewd.api("/vaults")).header("Authorization", "Bearer " + other).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(vaults.statusCode()).isEqualTo(200);
    }

    /** The packaged renewd as in production (%prod), with everything it needs but the token audience. */
    private PackagedRenewd start(String name, Map<String, String> extra) throws IOException {
        PackagedRenewd renewd = PackagedRenewd.start("audience-" + name, extra);
        started.add(renewd);
        return renewd;
    }
}
