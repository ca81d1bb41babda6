package io.renewd.security;

import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys that mint tokens for the tests and the local run are never trusted by the packaged
 * service: only the {@code %test} and {@code %local} profiles verify tokens with a fixed key, and
 * no signing key ships in the application.
 */
class TokenKeysStayOutOfProductionTest {

    @Test
    void onlyTheTestAndLocalProfilesTrustAFixedKeyOrIssuer() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertThat(properties.stringPropertyNames().stream()
                .filter(key -> key.contains("quarkus.oidc.public-key") || key.contains("quarkus.oidc.token.issuer")
                        || key.contains("quarkus.oidc.auth-server-url") || key.contains("quarkus.oidc.jwks-path")))
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key).matches("%(test|local)\\..*"));
        assertThat(properties.getProperty("%test.quarkus.oidc.public-key")).isEqualTo(TestTokens.publicKey());
    }

    @Test
    void noSigningKeyShipsWithTheApplication() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            assertThat(files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.readString(file).contains("PRIVATE KEY-----");
                } catch (IOException notText) {
                    return false;
                }
            })).isEmpty();
        }
    }
}
