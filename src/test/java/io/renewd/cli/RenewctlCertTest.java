package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.azure.AzureSdkTestSupport;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.http.ProductionListeners;
import io.renewd.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code renewctl cert …} against the running renewd, over HTTPS as a user runs it. */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class RenewctlCertTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsListsShowsRenewsAndListsVersions() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        RenewctlRunner renewctl = RenewctlRunner.inVault(vault);

        var created = renewctl.run("cert", "create", "web", "--subject", "CN=web.example.com", "--dns", "web.example.com,www.example.com",
                "--validity-months", "3", "--tags", "owner=team-a", "--wait");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).contains("creation of web completed").containsPattern("issuer +Self")
                .containsPattern("dns names +web.example.com, www.example.com")
                .containsPattern("expires +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ \\(in (8|9)\\d days\\)")
                .containsPattern("next action +\\w+ \\d{4}-.*\\(in \\d+ days\\) \\((notice|lifetime_percentage):");

        var list = renewctl.run("cert", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("NAME").containsPattern("NAME +ENABLED +EXPIRES +TAGS\n")
                .containsPattern("web +yes +\\d{4}-.*\\(in \\d+ days\\) +owner=team-a\n");

        var listJson = renewctl.run("cert", "list", "-o", "json");
        JsonNode items = JSON.readTree(listJson.out()).path("value");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("id").asText()).endsWith("/certificates/web");

        var shown = renewctl.run("cert", "show", "WEB", "-o", "json");
        assertThat(shown.exit()).as(shown.toString()).isZero();
        String firstVersion = JSON.readTree(shown.out()).path("id").asText().replaceAll(".*/", "");
        assertThat(JSON.readTree(shown.out()).path("policy").path("issuer").path("name").asText()).isEqualTo("Self");

        var renewed = renewctl.run("cert", "renew", "web", "--wait");
        assertThat(renewed.exit()).as(renewed.toString()).isZero();
        assertThat(renewed.out()).contains("renewal of web completed").doesNotContain(firstVersion);

        var versions = renewctl.run("cert", "versions", "web");
        assertThat(versions.exit()).as(versions.toString()).isZero();
        assertThat(versions.out().lines()).hasSize(3).first().asString().containsPattern("VERSION +ENABLED +CREATED +EXPIRES");
        assertThat(versions.out()).contains(firstVersion);

        var older = renewctl.run("cert", "show", "web", "--version", firstVersion);
        assertThat(older.out()).containsPattern("version +" + firstVersion);
    }

    @Test
    void createWithoutWaitingSaysWhereTheOperationIs() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var created = renewctl.run("cert", "create", "quick", "--subject", "CN=quick.example.com", "--no-wait");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).startsWith("creation of quick: completed (self-signed certificate issued)");

        var json = renewctl.run("cert", "renew", "quick", "--no-wait", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"status\"").contains("/certificates/quick/pending");
    }

    @Test
    void anUnknownIssuersCreateStopsWaitingAtTheCsr() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var created = renewctl.run("cert", "create", "partner", "--subject", "CN=partner.example.com", "--issuer", "Unknown", "--wait");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("partner waits for a certificate signed for its CSR");
        assertThat(created.out()).contains("creation of partner: inProgress");
    }

    @Test
    void waitingShowsProgressAndGivesUpAtTheTimeout() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        assertThat(renewctl.run("issuer", "set", "partner-ca", "--provider", "OneCertV2-PublicCA").exit()).isZero();

        var plain = renewctl.run("cert", "create", "slow", "--subject", "CN=slow.example.com", "--issuer", "partner-ca", "--wait", "--timeout", "3");
        assertThat(plain.exit()).as(plain.toString()).isEqualTo(7);
        assertThat(plain.err()).startsWith("slow: inProgress")
                .contains("renewctl: the operation on slow is still inProgress after 3 s").contains("renewctl cert show slow");

        var again = renewctl.run("cert", "renew", "slow");
        assertThat(again.exit()).as(again.toString()).isEqualTo(6);
        assertThat(again.err()).startsWith("renewctl: conflict (HTTP 409 Conflict): ").contains("operation in progress");

        // On a terminal renewctl waits without being asked, redrawing one progress line.
        var terminal = renewctl.runOnTerminal("cert", "create", "slower", "--subject", "CN=slower.example.com", "--issuer", "partner-ca",
                "--timeout", "3");
        assertThat(terminal.exit()).as(terminal.toString()).isEqualTo(7);
        assertThat(terminal.err()).as("a spinner line redrawn in place").contains("\r\u001b[2K| slower: inProgress").contains("\r\u001b[2K/ slower: inProgress");
    }

    @Test
    void coloursOnATerminalOnlyWithoutNoColor() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        assertThat(renewctl.run("cert", "create", "web", "--subject", "CN=web.example.com", "--wait").exit()).isZero();
        assertThat(renewctl.runOnTerminal("cert", "list").out()).contains("\u001b[1mNAME\u001b[0m").contains("\u001b[32m");
        assertThat(renewctl.with("NO_COLOR", "1").runOnTerminal("cert", "list").out()).doesNotContain("\u001b[").startsWith("NAME");
        assertThat(renewctl.run("cert", "list").out()).doesNotContain("\u001b[");
    }

    @Test
    void policyGetAndSet() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        assertThat(renewctl.run("cert", "create", "api", "--subject", "CN=api.example.com", "--wait").exit()).isZero();

        var policy = renewctl.run("cert", "policy", "get", "api");
        assertThat(policy.exit()).as(policy.toString()).isZero();
        assertThat(policy.out()).containsPattern("issuer.name +Self").containsPattern("x509_props.subject +CN=api.example.com");

        var changed = renewctl.run("cert", "policy", "set", "api", "--validity-months", "6");
        assertThat(changed.exit()).as(changed.toString()).isZero();
        assertThat(changed.out()).containsPattern("x509_props.validity_months +6").containsPattern("x509_props.subject +CN=api.example.com");

        var nothing = renewctl.run("cert", "policy", "set", "api");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("say what to change");
    }

    @Test
    void importsAPemAndBacksUpDeletesRecoversPurgesAndRestores(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        Path pem = dir.resolve("legacy.pem");
        Files.writeString(pem, TestCertificates.validChain("CN=legacy.example.com", new KeySpec.Ec(Curve.P_256)).pem());

        var imported = renewctl.run("cert", "import", "legacy", "--file", pem.toString());
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported legacy").containsPattern("subject +CN=legacy.example.com").containsPattern("issuer +Unknown");

        Path backup = dir.resolve("legacy.backup");
        var backedUp = renewctl.run("cert", "backup", "legacy", "--file", backup.toString());
        assertThat(backedUp.exit()).as(backedUp.toString()).isZero();
        assertThat(Files.readString(backup)).isNotBlank();

        var deleted = renewctl.run("cert", "delete", "legacy");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("deleted legacy; recoverable until ").contains("renewctl cert recover legacy");
        assertThat(renewctl.run("cert", "list", "--deleted").out()).containsPattern("legacy +\\d{4}-");

        var recovered = renewctl.run("cert", "recover", "legacy");
        assertThat(recovered.exit()).as(recovered.toString()).isZero();
        assertThat(recovered.out()).contains("recovered legacy");

        assertThat(renewctl.run("cert", "delete", "legacy").exit()).isZero();
        var purged = renewctl.run("cert", "purge", "legacy");
        assertThat(purged.exit()).as(purged.toString()).isZero();
        assertThat(purged.out()).contains("purged legacy");

        var restored = renewctl.run("cert", "restore", "--file", backup.toString());
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("restored legacy into vault");
        assertThat(renewctl.run("cert", "show", "legacy").out()).containsPattern("subject +CN=legacy.example.com");
    }

    @Test
    void aBadRequestIsRefusedWithTheApisCodeAndMessage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var tooLong = renewctl.run("cert", "create", "web", "--subject", "CN=" + "w".repeat(250));
        assertThat(tooLong.exit()).as(tooLong.toString()).isEqualTo(6);
        assertThat(tooLong.err()).startsWith("renewctl: rejected (HTTP 400 ").contains("subject");

        Path notJson = dir.resolve("policy.json");
        Files.writeString(notJson, "{ not json");
        var broken = renewctl.run("cert", "create", "web", "--policy", notJson.toString());
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("--policy " + notJson + " is not JSON");

        var missingFile = renewctl.run("cert", "import", "web", "--file", dir.resolve("absent.pem").toString());
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("no such file");
    }
}
