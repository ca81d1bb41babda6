package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.azure.AzureSdkTestSupport;
import io.renewd.http.ProductionListeners;
import io.renewd.testing.RealServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code renewctl issuer|contacts|reissue|events …} against the running renewd and the test Kafka broker. */
@QuarkusTest
@TestProfile(ProductionListeners.class)
class RenewctlGroupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void issuerSetListShowDelete() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var set = renewctl.run("issuer", "set", "letsencrypt", "--provider", "acme", "--directory-url", "https://acme.example.com/directory",
                "--contact", "pki@example.com");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).containsPattern("provider +acme").containsPattern("acme.directory_url +https://acme.example.com/directory");

        var list = renewctl.run("issuer", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("NAME +PROVIDER\n").containsPattern("letsencrypt +acme\n");

        var shown = renewctl.run("issuer", "show", "LetsEncrypt", "-o", "json");
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("\"directory_url\" : \"https://acme.example.com/directory\"");

        var wrongMember = renewctl.run("issuer", "set", "team-ca", "--provider", "ca", "--directory-url", "https://x");
        assertThat(wrongMember.exit()).isEqualTo(2);
        assertThat(wrongMember.err()).contains("--directory-url and --contact are for --provider acme");

        var noCa = renewctl.run("issuer", "set", "team-ca", "--provider", "ca", "--ca-certificate", "absent-root");
        assertThat(noCa.exit()).as(noCa.toString()).isIn(5, 6);
        assertThat(noCa.err()).startsWith("renewctl: ").contains("absent-root");

        var deleted = renewctl.run("issuer", "delete", "letsencrypt");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("deleted issuer letsencrypt\n");
        assertThat(renewctl.run("issuer", "show", "letsencrypt").exit()).isEqualTo(5);
        assertThat(renewctl.run("issuer", "list").err()).contains("no issuers in vault");
    }

    @Test
    void contactsSetGetDelete() {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        var set = renewctl.run("contacts", "set", "--email", "oncall@example.com, pki@example.com");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.out()).containsPattern("EMAIL +NAME +PHONE\n").contains("oncall@example.com\n").contains("pki@example.com\n");

        var got = renewctl.run("contacts", "get", "-o", "json");
        assertThat(got.exit()).as(got.toString()).isZero();
        assertThat(got.out()).contains("\"email\" : \"oncall@example.com\"");

        assertThat(renewctl.run("contacts", "set").err()).contains("--email is required");
        var bad = renewctl.run("contacts", "set", "--email", "not-an-address");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(6);
        assertThat(bad.err()).startsWith("renewctl: rejected (HTTP 400 ");

        var deleted = renewctl.run("contacts", "delete");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).startsWith("removed the contacts of vault");
    }

    @Test
    void reissueStartShowListCancel() throws Exception {
        RenewctlRunner renewctl = RenewctlRunner.inVault(AzureSdkTestSupport.createVault());
        assertThat(renewctl.run("cert", "create", "web", "--subject", "CN=web.example.com", "--wait").exit()).isZero();

        var started = renewctl.run("reissue", "start", "--issuer", "Self", "--reason", "renewctl test", "-o", "json");
        assertThat(started.exit()).as(started.toString()).isZero();
        JsonNode bulk = JSON.readTree(started.out());
        String id = bulk.path("id").asText();
        assertThat(bulk.path("selected").asInt()).isEqualTo(1);

        var shown = renewctl.run("reissue", "show", id);
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).containsPattern("id +" + id).containsPattern("reason +renewctl test").containsPattern("selected +1\n");

        var list = renewctl.run("reissue", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("ID +STATUS +CREATED").contains(id);

        // One self-signed certificate is re-issued within moments: the cancel may come after the end, which renewd refuses,
        // or while a renewer holds the operation, which then ends first (the bulk stays inProgress until it has).
        var cancelled = renewctl.run("reissue", "cancel", id);
        if (cancelled.exit() == 0) {
            assertThat(cancelled.out()).containsPattern("id +" + id).containsPattern("status +(cancelled|inProgress)\n");
        } else {
            assertThat(cancelled.exit()).as(cancelled.toString()).isEqualTo(6);
            assertThat(cancelled.err()).startsWith("renewctl: rejected (HTTP 400 BadParameter): ").contains("nothing to cancel");
        }

        var human = renewctl.run("reissue", "start", "--expiring-before", "2099-01-01T00:00:00Z", "--reason", "again");
        assertThat(human.exit()).as(human.toString()).isZero();
        assertThat(human.out()).startsWith("bulk re-issue ").contains("started: 1 selected");

        var twoSelectors = renewctl.run("reissue", "start", "--issuer", "Self", "--thumbprints", "abc", "--reason", "x");
        assertThat(twoSelectors.exit()).isEqualTo(2);
        assertThat(twoSelectors.err()).contains("give exactly one selector").contains("given: --issuer, --thumbprints");
        var noReason = renewctl.run("reissue", "start", "--issuer", "Self");
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason is required");
        var badDate = renewctl.run("reissue", "start", "--expiring-before", "soon", "--reason", "x");
        assertThat(badDate.exit()).as(badDate.toString()).isEqualTo(6);
        assertThat(badDate.err()).startsWith("renewctl: rejected (HTTP 400 ");
    }

    @Test
    void eventsTailPrintsTheVaultsEvents() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        RenewctlRunner renewctl = RenewctlRunner.inVault(vault).with("RENEWD_KAFKA_BOOTSTRAP_SERVERS", RealServices.get().kafkaBootstrapServers());
        assertThat(renewctl.run("cert", "create", "web", "--subject", "CN=web.example.com", "--wait").exit()).isZero();

        var tail = renewctl.run("events", "tail", "--topics", "renewd.certificate.renewed", "--from-beginning", "--max", "1", "--timeout", "90");
        assertThat(tail.exit()).as(tail.toString()).isZero();
        assertThat(tail.out()).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\S+  NewVersionCreated  " + vault + "/web  Version=[0-9a-f]{32} cause=created issuer=Self\n");
        assertThat(tail.err()).contains("reading renewd.certificate.renewed at ");

        var json = renewctl.run("events", "tail", "--from-beginning", "--max", "2", "--timeout", "90", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        var lines = json.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("source").asText()).isEqualTo("/vaults/" + vault);
            assertThat(event.path("type").asText()).startsWith("io.renewd.");
        }

        var noBroker = renewctl.with("RENEWD_KAFKA_BOOTSTRAP_SERVERS", null).run("events", "tail");
        assertThat(noBroker.exit()).isEqualTo(2);
        assertThat(noBroker.err()).contains("no Kafka broker: give --bootstrap-servers");
    }
}
