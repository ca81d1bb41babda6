package io.renewd.cli;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.azure.AzureSdkTestSupport;
import io.renewd.http.ProductionListeners;
import io.renewd.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What renewctl says, and exits with, when a call cannot be made or renewd refuses it. */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class RenewctlErrorsTest {

    @Test
    void withoutATokenExits3NamingHowToGiveOne() {
        var run = RenewctlRunner.inVault(AzureSdkTestSupport.createVault()).with("RENEWD_TOKEN", null).run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("renewctl: no token: set RENEWD_TOKEN, or RENEWD_TOKEN_COMMAND to a command that prints one "
                + "(e.g. RENEWD_TOKEN_COMMAND='scripts/local-run.sh token')\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aTokenCommandGivesTheToken() {
        var run = RenewctlRunner.inVault(AzureSdkTestSupport.createVault()).with("RENEWD_TOKEN", null)
                .with("RENEWD_TOKEN_COMMAND", "printf '%s\\n' " + TestTokens.admin()).run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).contains("no certificates in vault");
    }

    @Test
    void aFailingTokenCommandExits3WithItsError() {
        var run = RenewctlRunner.inVault(AzureSdkTestSupport.createVault()).with("RENEWD_TOKEN", null)
                .with("RENEWD_TOKEN_COMMAND", "echo 'not signed in' >&2; exit 4").run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("renewctl: RENEWD_TOKEN_COMMAND failed (exit 4): not signed in\n");
    }

    @Test
    void aTokenCommandThatPrintsMoreThanTheTokenExits3() {
        var run = RenewctlRunner.inVault(AzureSdkTestSupport.createVault()).with("RENEWD_TOKEN", null)
                .with("RENEWD_TOKEN_COMMAND", "echo 'your token:'; echo " + TestTokens.admin()).run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("renewctl: the token holds spaces, line breaks or control characters: "
                + "RENEWD_TOKEN_COMMAND must give the token alone\n");
    }

    @Test
    void namesThatAreNotNamesStayInTheirPathSegment() {
        var renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        assertThat(renewctl.run("cert", "create", "web", "--subject", "CN=web.example.com", "--wait").exit()).isZero();
        for (String name : java.util.List.of("../web", "web/versions", "web?api-version=1", "web#x", "%2e%2e", "web name")) {
            var run = renewctl.run("cert", "show", name);
            assertThat(run.exit()).as(name + ": " + run).isIn(5, 6);
            assertThat(run.out()).isEmpty();
        }
        var otherVault = renewctl.with("RENEWD_VAULT", "../vaults").run("cert", "list");
        assertThat(otherVault.exit()).as(otherVault.toString()).isIn(4, 5, 6);
        assertThat(otherVault.out()).isEmpty();
    }

    @Test
    void aTokenRenewdRefusesExits3WithTheReason() {
        var run = RenewctlRunner.inVault(AzureSdkTestSupport.createVault())
                .with("RENEWD_TOKEN", TestTokens.foreign("mallory", List.of())).run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).startsWith("renewctl: not authenticated (HTTP 401 Unauthorized): ").contains("signature");
    }

    @Test
    void aTokenWithoutThePermissionExits4NamingIt() {
        String vault = AzureSdkTestSupport.createVault();
        var reader = RenewctlRunner.inVault(vault).with("RENEWD_TOKEN", TestTokens.token("reader", List.of()));
        var before = reader.run("cert", "list");
        assertThat(before.exit()).as(before.toString()).isEqualTo(4);
        assertThat(before.err()).startsWith("renewctl: forbidden (HTTP 403 Forbidden): ").contains("list");

        var granted = AzureSdkTestSupport.send(HttpRequest.newBuilder(URI.create(AzureSdkTestSupport.pathVaultUrl(vault) + "/accessPolicies/user/reader"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"roles\": [\"Certificate User\"]}")));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(reader.run("cert", "list").exit()).isZero();
        var create = reader.run("cert", "create", "web", "--subject", "CN=web.example.com");
        assertThat(create.exit()).as(create.toString()).isEqualTo(4);
        assertThat(create.err()).startsWith("renewctl: forbidden (HTTP 403 Forbidden): ").contains("create");
    }

    @Test
    void whatIsNotThereExits5WithTheApisCode() {
        var renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var run = renewctl.run("cert", "show", "absent");
        assertThat(run.exit()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).startsWith("renewctl: not found (HTTP 404 CertificateNotFound): vault '").endsWith("' has no certificate 'absent'\n");
        assertThat(renewctl.run("issuer", "show", "absent").exit()).isEqualTo(5);
        assertThat(renewctl.run("reissue", "show", "6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b").exit()).isEqualTo(5);
        var otherVault = renewctl.with("RENEWD_VAULT", "vnosuchvault00").run("cert", "list");
        assertThat(otherVault.exit()).as(otherVault.toString()).isIn(4, 5);
    }

    @Test
    void anUnreachableServerExits7() {
        var run = RenewctlRunner.inVault("team-a").with("RENEWD_URL", "https://localhost:1").run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        assertThat(run.err()).startsWith("renewctl: cannot connect to renewd at https://localhost:1");
    }

    @Test
    void aServerCertificateNotTrustedExits7PointingAtCacert() {
        var run = RenewctlRunner.inVault("team-a").with("RENEWD_CACERT", null).run("cert", "list");
        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        assertThat(run.err()).startsWith("renewctl: TLS with https://localhost:").contains("--cacert");
    }

    @Test
    void usageErrorsExit2() {
        var renewctl = RenewctlRunner.inVault("team-a");
        assertThat(renewctl.with("RENEWD_VAULT", null).run("cert", "list").err()).isEqualTo("renewctl: no vault: give --vault NAME or set RENEWD_VAULT\n");
        assertThat(renewctl.run("cert", "show").exit()).isEqualTo(2);
        assertThat(renewctl.run("cert", "list", "--server", "ftp://x").err()).contains("--server must be an http(s) URL");
        var help = renewctl.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("exit codes:").containsPattern("\n  3 +not authenticated").containsPattern("\n  7 +server or network error");
    }
}
