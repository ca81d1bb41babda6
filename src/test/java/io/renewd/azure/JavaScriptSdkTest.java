package io.renewd.azure;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Azure SDK for JavaScript ({@code @azure/keyvault-certificates}, versions in
 * src/test/js/package-lock.json) runs Key Vault's core scenario against this test's renewd over
 * HTTPS with renewd's bearer authentication: src/test/js/scenario.mjs, on Node from the machine
 * ({@code node}), its packages installed by {@code npm ci --prefix src/test/js} (.ci/run does).
 */
@QuarkusTest
@TestProfile(AzureSdkProfile.class)
class JavaScriptSdkTest {

    private static final Path PROJECT = Path.of("src/test/js");
    private static final long TIMEOUT_SECONDS = 300;

    @Test
    void theCoreScenarioPassesWithTheJavaScriptClient() throws IOException, InterruptedException {
        assertThat(PROJECT.resolve("node_modules/@azure/keyvault-certificates")).as(
                "the JavaScript SDK is not installed: run `npm ci --prefix src/test/js` (Debian packages nodejs and npm; .ci/run does both)")
                .isDirectory();
        String vault = AzureSdkTestSupport.createVault();
        String other = AzureSdkTestSupport.createVault();
        Path output = Files.createTempFile("renewd-js-sdk", ".log");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "scenario.mjs")
                    .directory(PROJECT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            node.environment().put("RENEWD_VAULT_URL", AzureSdkTestSupport.vaultUrl(vault));
            node.environment().put("RENEWD_OTHER_VAULT_URL", AzureSdkTestSupport.vaultUrl(other));
            node.environment().put("RENEWD_TOKEN", AzureSdkTestSupport.token());
            node.environment().put("NODE_EXTRA_CA_CERTS", TestTls.localhost().certificateFile().toString());
            Process process = start(node);
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("node scenario.mjs still running after %d s:%n%s", TIMEOUT_SECONDS, log).isTrue();
            assertThat(process.exitValue()).as("node scenario.mjs failed:%n%s", log).isZero();
            assertThat(log).contains("0 failed");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Process start(ProcessBuilder node) {
        try {
            return node.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start `node` (Debian package nodejs; .ci/run installs it): " + e.getMessage(), e);
        }
    }
}
