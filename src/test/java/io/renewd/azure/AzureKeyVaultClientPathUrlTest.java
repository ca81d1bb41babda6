package io.renewd.azure;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContact;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.PemCodec;
import io.renewd.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Azure SDK's {@code CertificateClient} given a vault URL under renewd's path prefix,
 * {@code https://localhost:<port>/vaults/<vault>}: the SDK keeps the prefix, and every call that
 * names its certificate, issuer or version works. What does not: the SDK takes names and versions
 * from fixed positions of an object's id ({@code /certificates/<name>/<version>}), so under a path
 * prefix {@code getName()} and {@code getVersion()} of the returned models are wrong, and so are
 * the calls that build their URL from them ({@code updateCertificateProperties},
 * {@code updateIssuer} with an object read from renewd). Those need the vault's own host name
 * ({@code renewd.api.vault-host}, {@link AzureKeyVaultClientTest}).
 */
@QuarkusTest
@TestProfile(AzureSdkProfile.class)
class AzureKeyVaultClientPathUrlTest {

    @Test
    void theCertificateLifecycleByNameUnderThePathPrefix() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        String prefix = AzureSdkTestSupport.pathVaultUrl(vault);
        CertificateClient client = AzureSdkTestSupport.pathClient(vault);

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> creation =
                client.beginCreateCertificate("web", new CertificatePolicy("Self", "CN=web.example.com").setValidityInMonths(12));
        assertThat(creation.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        KeyVaultCertificateWithPolicy created = creation.getFinalResult();
        assertThat(created.getId()).startsWith(prefix + "/certificates/web/");
        String version = created.getId().substring(created.getId().lastIndexOf('/') + 1);

        assertThat(client.getCertificate("web").getCer()).isEqualTo(created.getCer());
        assertThat(client.getCertificateVersion("web", version).getCer()).isEqualTo(created.getCer());
        assertThat(client.listPropertiesOfCertificates().stream().map(p -> p.getId())).containsExactly(prefix + "/certificates/web");
        assertThat(client.listPropertiesOfCertificateVersions("web").stream().map(p -> p.getId())).containsExactly(created.getId());
        CertificatePolicy policy = client.getCertificatePolicy("web");
        assertThat(client.updateCertificatePolicy("web", policy.setValidityInMonths(6)).getValidityInMonths()).isEqualTo(6);

        byte[] backup = client.backupCertificate("web");
        SyncPoller<DeletedCertificate, Void> deletion = client.beginDeleteCertificate("web");
        assertThat(deletion.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        DeletedCertificate deleted = client.getDeletedCertificate("web");
        assertThat(deleted.getRecoveryId()).isEqualTo(prefix + "/deletedcertificates/web");
        assertThat(deleted.getDeletedOn()).isNotNull();
        assertThat(client.listDeletedCertificates().stream().map(DeletedCertificate::getRecoveryId)).containsExactly(prefix + "/deletedcertificates/web");
        client.beginRecoverDeletedCertificate("web").waitForCompletion(Duration.ofSeconds(30));
        assertThat(client.getCertificate("web").getCer()).isEqualTo(created.getCer());
        client.beginDeleteCertificate("web").waitForCompletion(Duration.ofSeconds(30));
        client.purgeDeletedCertificate("web");
        assertThatThrownBy(() -> client.getDeletedCertificate("web")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.restoreCertificateBackup(backup).getCer()).isEqualTo(created.getCer());
    }

    @Test
    void importMergeContactsAndIssuersUnderThePathPrefix() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.pathClient(vault);
        var chain = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Ec(Curve.P_256));

        assertThat(client.importCertificate(new ImportCertificateOptions("pfx", Base64.getDecoder().decode(chain.pfxBase64("pw")))
                .setPassword("pw")).getCer()).isEqualTo(encoded(chain.leaf()));
        assertThat(client.importCertificate(new ImportCertificateOptions("pem", chain.pem().getBytes(StandardCharsets.US_ASCII))
                .setPolicy(new CertificatePolicy("Unknown", "CN=imported.example.com").setContentType(CertificateContentType.PEM)))
                .getCer()).isEqualTo(encoded(chain.leaf()));

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> manual =
                client.beginCreateCertificate("manual", new CertificatePolicy("Unknown", "CN=manual.example.com"));
        CertificateSigningRequest csr = Csrs.parse(manual.poll().getValue().getCsr());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate signed = CertificateIssuance.signedBy(csr.publicKey(), new CertificateTemplate(csr.subject(), csr.sans(),
                        Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(30)), false, null),
                chain.intermediate(), chain.intermediateKey().getPrivate());
        assertThat(client.mergeCertificate(new MergeCertificateOptions("manual", List.of(encoded(signed)))).getCer()).isEqualTo(encoded(signed));
        assertThat(manual.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);

        client.setContacts(List.of(new CertificateContact().setEmail("ops@example.com").setName("Ops"))).stream().toList();
        assertThat(client.listContacts().stream().map(CertificateContact::getEmail)).containsExactly("ops@example.com");
        assertThat(client.deleteContacts().stream().map(CertificateContact::getEmail)).containsExactly("ops@example.com");

        String caPem = PemCodec.write(new CertificateBundle(chain.intermediate(), List.of(chain.root()), chain.intermediateKey().getPrivate()));
        client.importCertificate(new ImportCertificateOptions("corp-ca", caPem.getBytes(StandardCharsets.US_ASCII))
                .setPolicy(new CertificatePolicy("Unknown", "CN=Test Intermediate").setContentType(CertificateContentType.PEM)));
        assertThat(client.createIssuer(new CertificateIssuer("corp-ca", "ca")).getId())
                .isEqualTo(AzureSdkTestSupport.pathVaultUrl(vault) + "/certificates/issuers/corp-ca");
        assertThat(client.getIssuer("corp-ca").getProvider()).isEqualTo("ca");
        assertThat(client.listPropertiesOfIssuers().stream().map(i -> i.getProvider())).containsExactly("ca");
        assertThat(client.deleteIssuer("corp-ca").getProvider()).isEqualTo("ca");
        assertThat(client.listPropertiesOfIssuers()).isEmpty();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
