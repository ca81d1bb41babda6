package io.renewd.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.AdministratorContact;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.SubjectAlternativeNames;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Azure SDK's {@code createIssuer(new CertificateIssuer("x", "DigiCert"))} with Key Vault's members only (account id
 * and password as External Account Binding, organization details) against renewd, read back with {@code getIssuer} and
 * {@code listPropertiesOfIssuers}, and a certificate created through the SDK with that issuer: renewd orders it from
 * DigiCert's directory, here the operator's override pointing at a Pebble that requires EAB.
 */
@QuarkusTest
@TestProfile(AzureSdkAcmeProviderProfile.class)
class AzureSdkAcmeProviderTest {

    @Test
    void aDigiCertIssuerMadeThroughTheSdkIsShownBackAndIssuesACertificateTheSdkCreates() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);

        CertificateIssuer created = client.createIssuer(new CertificateIssuer("digicert", "DigiCert")
                .setAccountId(AzureSdkAcmeProviderProfile.EAB_KID)
                .setPassword(AzureSdkAcmeProviderProfile.EAB_HMAC)
                .setOrganizationId("org-7")
                .setAdministratorContacts(List.of(new AdministratorContact().setFirstName("Ada").setLastName("Admin")
                        .setEmail("ada@example.com").setPhone("555-0100"))));
        assertThat(created.getProvider()).isEqualTo("DigiCert");
        assertThat(created.getAccountId()).isEqualTo(AzureSdkAcmeProviderProfile.EAB_KID);
        assertThat(created.getPassword()).isNull();

        CertificateIssuer read = client.getIssuer("digicert");
        assertThat(read.getName()).isEqualTo("digicert");
        assertThat(read.getProvider()).isEqualTo("DigiCert");
        assertThat(read.getAccountId()).isEqualTo(AzureSdkAcmeProviderProfile.EAB_KID);
        assertThat(read.getPassword()).isNull();
        assertThat(read.getOrganizationId()).isEqualTo("org-7");
        assertThat(read.getAdministratorContacts()).singleElement().satisfies(admin -> {
            assertThat(admin.getEmail()).isEqualTo("ada@example.com");
            assertThat(admin.getPhone()).isEqualTo("555-0100");
        });
        assertThat(client.listPropertiesOfIssuers().stream().toList()).singleElement().satisfies(issuer -> {
            assertThat(issuer.getName()).isEqualTo("digicert");
            assertThat(issuer.getProvider()).isEqualTo("DigiCert");
        });
        String shown = AzureSdkTestSupport.send(HttpRequest.newBuilder(URI.create(
                AzureSdkTestSupport.vaultUrl(vault) + "/certificates/issuers/digicert?api-version=7.6")).GET()).body();
        assertThat(shown).contains(AzureSdkAcmeProviderProfile.pebbleDirectory()).doesNotContain(AzureSdkAcmeProviderProfile.EAB_HMAC);

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller = client.beginCreateCertificate("partner",
                new CertificatePolicy("digicert", "CN=partner.renewd.test")
                        .setSubjectAlternativeNames(new SubjectAlternativeNames().setDnsNames(List.of("partner.renewd.test")))
                        .setKeyType(CertificateKeyType.EC).setKeyCurveName(CertificateKeyCurveName.P_256));
        assertThat(poller.waitForCompletion(Duration.ofSeconds(90)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        KeyVaultCertificateWithPolicy issued = poller.getFinalResult();
        assertThat(issued.getPolicy().getIssuerName()).isEqualTo("digicert");
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(issued.getCer()));
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("partner.renewd.test");
        assertThat(leaf.getIssuerX500Principal().getName()).as("issued by Pebble's intermediate").contains("Pebble Intermediate CA");
    }

    @Test
    void aDigiCertIssuerWithoutCredentialsIsRefusedWithTheReason() {
        CertificateClient client = AzureSdkTestSupport.client(AzureSdkTestSupport.createVault());

        assertThatThrownBy(() -> client.createIssuer(new CertificateIssuer("digicert", "DigiCert").setOrganizationId("org-7")))
                .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("provider DigiCert needs External Account Binding");
                });
        assertThat(client.listPropertiesOfIssuers().stream().map(IssuerProperties::getName).toList()).isEmpty();
    }
}
