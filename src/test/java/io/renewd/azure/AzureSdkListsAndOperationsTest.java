package io.renewd.azure;

import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure SDK for Java against renewd where Key Vault pages and where its operations end: lists longer than a page
 * (certificates with {@code includePending}, issuers), issuers of a provider renewd has no adapter for, and the poller's
 * {@code cancelOperation()} after a create completed.
 */
@QuarkusTest
@TestProfile(AzureSdkProfile.class)
class AzureSdkListsAndOperationsTest {

    @Test
    void listsPendingCertificatesAcrossPagesWithIncludePending() {
        String vault = AzureSdkTestSupport.createVault();
        for (int i = 0; i < 27; i++) {
            create(vault, "waiting-" + i, "Unknown");
        }
        create(vault, "issued", "Self");
        CertificateClient client = AzureSdkTestSupport.client(vault);

        List<CertificateProperties> all = client.listPropertiesOfCertificates(true, Context.NONE).stream().toList();
        assertThat(all).hasSize(28);
        assertThat(all).extracting(CertificateProperties::getName).doesNotHaveDuplicates().contains("waiting-0", "waiting-26", "issued");
        assertThat(client.listPropertiesOfCertificates(false, Context.NONE).stream().toList()).extracting(CertificateProperties::getName)
                .containsExactly("issued");
    }

    @Test
    void pagesIssuersAndKeepsAnIssuerOfProviderTestAsSent() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        IntStream.range(0, 26).forEach(i -> client.createIssuer(new CertificateIssuer("issuer-" + i, "Test")));

        List<IssuerProperties> issuers = client.listPropertiesOfIssuers().stream().toList();
        assertThat(issuers).hasSize(26);
        assertThat(issuers).extracting(IssuerProperties::getName).doesNotHaveDuplicates().contains("issuer-0", "issuer-25");
        assertThat(issuers).extracting(IssuerProperties::getProvider).containsOnly("Test");

        CertificateIssuer test = client.createIssuer(new CertificateIssuer("test", "Test").setAccountId("keyvaultuser")
                .setPassword("temp-password").setOrganizationId("org-7").setEnabled(true));
        assertThat(test.getProvider()).isEqualTo("Test");
        CertificateIssuer read = client.getIssuer("test");
        assertThat(read.getProvider()).isEqualTo("Test");
        assertThat(read.getAccountId()).isEqualTo("keyvaultuser");
        assertThat(read.getPassword()).isNull();
        assertThat(read.getOrganizationId()).isEqualTo("org-7");
        assertThat(read.isEnabled()).isTrue();
    }

    @Test
    void cancellingThePollerOfACompletedCreateDoesNotThrow() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
                client.beginCreateCertificate("done", new CertificatePolicy("Self", "CN=done.example.com"));
        assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

        poller.cancelOperation();

        assertThat(client.getCertificateOperation("done").poll().getValue().getStatus()).isEqualTo("completed");
        assertThat(poller.getFinalResult().getName()).isEqualTo("done");
    }

    private static void create(String vault, String name, String issuer) {
        HttpResponse<String> response = AzureSdkTestSupport.send(HttpRequest.newBuilder(URI.create(
                        AzureSdkTestSupport.vaultUrl(vault) + "/certificates/" + name + "/create?api-version=7.6"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, "
                        + "\"x509_props\": {\"subject\": \"CN=" + name + "\"}, \"issuer\": {\"name\": \"" + issuer + "\"}}}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
