package io.renewd.azure;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContact;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateIssuer;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateOperation;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.CertificatePolicyAction;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.certificates.models.CreateCertificateOptions;
import com.azure.security.keyvault.certificates.models.DeletedCertificate;
import com.azure.security.keyvault.certificates.models.ImportCertificateOptions;
import com.azure.security.keyvault.certificates.models.IssuerProperties;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificate;
import com.azure.security.keyvault.certificates.models.KeyVaultCertificateWithPolicy;
import com.azure.security.keyvault.certificates.models.LifetimeAction;
import com.azure.security.keyvault.certificates.models.MergeCertificateOptions;
import com.azure.security.keyvault.certificates.models.SubjectAlternativeNames;
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

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Azure SDK for Java's {@code CertificateClient} (azure-security-keyvault-certificates
 * 4.8.5, its default service version 7.6) against renewd over HTTPS, through the same authentication
 * handshake it performs with Key Vault (renewd answers its first request with the 401 challenge), given the vault's URL as
 * Key Vault writes them, the vault's own host name ({@code https://<vault>.vault.localhost:<port>},
 * {@code renewd.api.vault-host}): every call a Key Vault user makes for the certificate
 * lifecycle, contacts and issuers, with the SDK's own models (names, versions, ids, attributes,
 * policies, operations, deleted certificates) checked. {@link AzureKeyVaultClientPathUrlTest}
 * covers vault URLs under renewd's path prefix.
 */
@QuarkusTest
@TestProfile(AzureSdkProfile.class)
class AzureKeyVaultClientTest {

    @Test
    void anUnauthenticatedRequestGetsKeyVaultsChallengeAndTheSdkAnswersItWithTheCredentialsToken() {
        String vault = AzureSdkTestSupport.createVault();
        HttpResponse<String> anonymous;
        try (var http = java.net.http.HttpClient.newBuilder().sslContext(io.renewd.testing.TestTls.localhost().clientContext()).build()) {
            anonymous = http.send(HttpRequest.newBuilder(URI.create(AzureSdkTestSupport.vaultUrl(vault) + "/certificates?api-version=7.6")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer authorization=\"https://login.renewd.test/tenant\", resource=\"https://vault.renewd.test\"");

        CertificateClient client = AzureSdkTestSupport.client(vault);
        assertThat(client.listPropertiesOfCertificates()).isEmpty();
        assertThat(AzureSdkTestSupport.tokenRequests()).contains("https://vault.renewd.test/.default tenant=tenant");
    }

    @Test
    void createsASelfSignedCertificateThroughThePollerAndReadsItBack() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        CertificatePolicy policy = new CertificatePolicy("Self", "CN=web.example.com",
                new SubjectAlternativeNames().setDnsNames(List.of("web.example.com", "www.example.com")))
                .setKeyType(CertificateKeyType.EC).setKeyCurveName(CertificateKeyCurveName.P_256)
                .setValidityInMonths(12).setContentType(CertificateContentType.PKCS12).setExportable(true);

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller =
                client.beginCreateCertificate("web", policy, true, Map.of("team", "platform"));
        PollResponse<CertificateOperation> done = poller.waitForCompletion(Duration.ofSeconds(30));
        assertThat(done.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        KeyVaultCertificateWithPolicy created = poller.getFinalResult();

        assertThat(created.getName()).isEqualTo("web");
        assertThat(created.getProperties().getVersion()).matches("[0-9a-f]{32}");
        assertThat(created.getProperties().getVaultUrl()).isNotNull();
        assertThat(created.getProperties().isEnabled()).isTrue();
        assertThat(created.getProperties().getTags()).containsEntry("team", "platform");
        assertThat(created.getProperties().getExpiresOn()).isAfter(OffsetDateTime.now().plusMonths(11));
        assertThat(created.getProperties().getX509Thumbprint()).isNotEmpty();
        assertThat(created.getKeyId()).contains("/keys/web/" + created.getProperties().getVersion());
        assertThat(created.getSecretId()).contains("/secrets/web/" + created.getProperties().getVersion());
        assertThat(created.getPolicy().getIssuerName()).isEqualTo("Self");
        assertThat(created.getPolicy().getKeyCurveName()).isEqualTo(CertificateKeyCurveName.P_256);
        X509Certificate x509 = x509(created.getCer());
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=web.example.com");

        KeyVaultCertificateWithPolicy latest = client.getCertificate("web");
        assertThat(latest.getProperties().getVersion()).isEqualTo(created.getProperties().getVersion());
        assertThat(latest.getCer()).isEqualTo(created.getCer());
        assertThat(latest.getPolicy().getSubjectAlternativeNames().getDnsNames()).containsExactly("web.example.com", "www.example.com");

        KeyVaultCertificate version = client.getCertificateVersion("web", created.getProperties().getVersion());
        assertThat(version.getCer()).isEqualTo(created.getCer());
        assertThat(version.getName()).isEqualTo("web");

        CertificateOperation operation = client.getCertificateOperation("web").poll().getValue();
        assertThat(operation.getStatus()).isEqualTo("completed");
        assertThat(operation.getIssuerName()).isEqualTo("Self");
        assertThat(operation.getName()).isEqualTo("web");
    }

    @Test
    void namesAreCaseInsensitiveAndKeepTheCaseTheyWereCreatedWith() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        client.beginCreateCertificate("MixedCase", new CertificatePolicy("Self", "CN=mixed.example.com").setValidityInMonths(12)).waitForCompletion(Duration.ofSeconds(30));

        KeyVaultCertificateWithPolicy found = client.getCertificate("mixedcase");
        assertThat(found.getName()).isEqualTo("MixedCase");
        assertThat(found.getId()).contains("/certificates/MixedCase/");
        assertThat(client.getCertificatePolicy("MIXEDCASE").getIssuerName()).isEqualTo("Self");

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> again = client.beginCreateCertificate("mixedCASE", new CertificatePolicy("Self", "CN=mixed.example.com").setValidityInMonths(12));
        again.waitForCompletion(Duration.ofSeconds(30));
        assertThat(again.getFinalResult().getName()).as("a new version of the same certificate").isEqualTo("MixedCase");

        assertThat(client.listPropertiesOfCertificates()).extracting(CertificateProperties::getName).containsExactly("MixedCase");
        assertThat(client.listPropertiesOfCertificateVersions("MIXEDCASE")).hasSize(2);

        // older SDK builds spell collections in other cases, on the vault's own host name
        for (String path : List.of("/Certificates/mixedcase", "/certificates/Issuers", "/DELETEDCERTIFICATES", "/Secrets/MIXEDCASE")) {
            HttpResponse<String> response = AzureSdkTestSupport.send(HttpRequest.newBuilder(
                    URI.create(AzureSdkTestSupport.vaultUrl(vault) + path + "?api-version=7.6")));
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        }
    }

    @Test
    void listsCertificatesAndVersionsPageByPageThroughNextLink() {
        String vault = AzureSdkTestSupport.createVault();
        for (int i = 0; i < 26; i++) {
            createWithRenewdApi(vault, "many");
        }
        for (int i = 0; i < 25; i++) {
            createWithRenewdApi(vault, "c" + i);
        }
        CertificateClient client = AzureSdkTestSupport.client(vault);

        List<CertificateProperties> certificates = client.listPropertiesOfCertificates().stream().toList();
        assertThat(certificates).hasSize(26);
        assertThat(certificates).extracting(CertificateProperties::getName).contains("many", "c0", "c24").doesNotHaveDuplicates();
        assertThat(certificates).allSatisfy(c -> {
            assertThat(c.getVersion()).as("list items name certificates, not versions").isNull();
            assertThat(c.getX509Thumbprint()).isNotEmpty();
            assertThat(c.isEnabled()).isTrue();
        });

        List<CertificateProperties> versions = client.listPropertiesOfCertificateVersions("many").stream().toList();
        assertThat(versions).hasSize(26);
        assertThat(versions).extracting(CertificateProperties::getVersion).doesNotHaveDuplicates().allMatch(v -> v.matches("[0-9a-f]{32}"));
        assertThat(versions).extracting(CertificateProperties::getName).containsOnly("many");
        assertThat(versions.stream().map(CertificateProperties::getX509Thumbprint).distinct()).hasSize(26);
    }

    @Test
    void getsAndUpdatesThePolicy() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        client.beginCreateCertificate("api", new CertificatePolicy("Self", "CN=api.example.com").setValidityInMonths(12))
                .waitForCompletion(Duration.ofSeconds(30));

        CertificatePolicy policy = client.getCertificatePolicy("api");
        assertThat(policy.getIssuerName()).isEqualTo("Self");
        assertThat(policy.getSubject()).isEqualTo("CN=api.example.com");
        assertThat(policy.getValidityInMonths()).isEqualTo(12);
        assertThat(policy.getKeyType()).isEqualTo(CertificateKeyType.RSA);
        assertThat(policy.getKeySize()).isEqualTo(2048);
        assertThat(policy.getContentType()).isEqualTo(CertificateContentType.PKCS12);
        assertThat(policy.getCreatedOn()).isNotNull();

        policy.setValidityInMonths(6).setSubject("CN=api2.example.com")
                .setLifetimeActions(new LifetimeAction(CertificatePolicyAction.EMAIL_CONTACTS).setDaysBeforeExpiry(30));
        CertificatePolicy updated = client.updateCertificatePolicy("api", policy);
        assertThat(updated.getValidityInMonths()).isEqualTo(6);
        assertThat(updated.getSubject()).isEqualTo("CN=api2.example.com");
        assertThat(updated.getLifetimeActions()).singleElement().satisfies(action -> {
            assertThat(action.getAction()).isEqualTo(CertificatePolicyAction.EMAIL_CONTACTS);
            assertThat(action.getDaysBeforeExpiry()).isEqualTo(30);
        });
        assertThat(client.getCertificatePolicy("api").getSubject()).isEqualTo("CN=api2.example.com");
    }

    @Test
    void importsPfxAndPem() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        var chain = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Rsa(2048));

        KeyVaultCertificateWithPolicy pfx = client.importCertificate(new ImportCertificateOptions("from-pfx",
                chain.pfxBase64("s3cret").transform(java.util.Base64.getDecoder()::decode))
                .setPassword("s3cret").setEnabled(true).setTags(Map.of("source", "pfx")));
        assertThat(pfx.getName()).isEqualTo("from-pfx");
        assertThat(pfx.getCer()).isEqualTo(chain.leaf().getEncoded());
        assertThat(pfx.getProperties().getTags()).containsEntry("source", "pfx");
        assertThat(pfx.getPolicy().getContentType()).isEqualTo(CertificateContentType.PKCS12);

        KeyVaultCertificateWithPolicy pem = client.importCertificate(new ImportCertificateOptions("from-pem",
                chain.pem().getBytes(StandardCharsets.US_ASCII))
                .setPolicy(new CertificatePolicy("Unknown", "CN=imported.example.com").setContentType(CertificateContentType.PEM)));
        assertThat(pem.getName()).isEqualTo("from-pem");
        assertThat(pem.getCer()).isEqualTo(chain.leaf().getEncoded());
        assertThat(pem.getPolicy().getContentType()).isEqualTo(CertificateContentType.PEM);
        assertThat(pem.getPolicy().getIssuerName()).isEqualTo("Unknown");
        assertThat(client.getCertificate("from-pem").getProperties().getX509Thumbprint())
                .isEqualTo(client.getCertificate("from-pfx").getProperties().getX509Thumbprint());
    }

    @Test
    void createsAndImportsWithPreserveCertOrder() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);

        var creation = client.beginCreateCertificate(new CreateCertificateOptions("ordered",
                new CertificatePolicy("Self", "CN=ordered.example.com")).setCertificateOrderPreserved(true));
        assertThat(creation.poll().getValue().isCertificateOrderPreserved()).isTrue();
        creation.waitForCompletion(Duration.ofSeconds(30));
        assertThat(client.getCertificate("ordered").getProperties().isCertificateOrderPreserved()).isTrue();

        var chain = TestCertificates.validChain("CN=kept.example.com", new KeySpec.Rsa(2048));
        String rootFirst = PemCodec.writeCertificates(List.of(chain.root(), chain.intermediate(), chain.leaf()))
                + PemCodec.writePrivateKey(chain.leafKey().getPrivate());
        KeyVaultCertificateWithPolicy kept = client.importCertificate(new ImportCertificateOptions("kept",
                rootFirst.getBytes(StandardCharsets.US_ASCII)).setCertificateOrderPreserved(true)
                .setPolicy(new CertificatePolicy("Unknown", "CN=kept.example.com").setContentType(CertificateContentType.PEM)));
        assertThat(kept.getProperties().isCertificateOrderPreserved()).isTrue();
        assertThat(kept.getCer()).isEqualTo(chain.leaf().getEncoded());
        HttpResponse<String> secret = AzureSdkTestSupport.send(HttpRequest.newBuilder(URI.create(
                AzureSdkTestSupport.vaultUrl(vault) + "/secrets/kept?api-version=7.6")).GET());
        assertThat(secret.statusCode()).as(secret.body()).isEqualTo(200);
        String value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(secret.body()).path("value").asText();
        assertThat(PemCodec.readCertificates(value)).containsExactly(chain.root(), chain.intermediate(), chain.leaf());
    }

    @Test
    void createsWithIssuerUnknownAndMergesTheCertificateATestCaSigned() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        var ca = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller = client.beginCreateCertificate("manual",
                new CertificatePolicy("Unknown", "CN=manual.example.com").setValidityInMonths(12)
                        .setCertificateTransparent(false));
        PollResponse<CertificateOperation> pending = poller.poll();
        assertThat(pending.getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        CertificateOperation operation = pending.getValue();
        assertThat(operation.getIssuerName()).isEqualTo("Unknown");
        assertThat(operation.getCsr()).isNotEmpty();
        assertThat(operation.getName()).isEqualTo("manual");

        CertificateSigningRequest csr = Csrs.parse(operation.getCsr());
        assertThat(csr.subject()).isEqualTo("CN=manual.example.com");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate signed = CertificateIssuance.signedBy(csr.publicKey(), new CertificateTemplate(csr.subject(), csr.sans(),
                        Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(), now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(90)), false, null),
                ca.intermediate(), ca.intermediateKey().getPrivate());

        KeyVaultCertificateWithPolicy merged = client.mergeCertificate(new MergeCertificateOptions("manual",
                List.of(encoded(signed), encoded(ca.intermediate()))));
        assertThat(merged.getName()).isEqualTo("manual");
        assertThat(merged.getCer()).isEqualTo(encoded(signed));

        PollResponse<CertificateOperation> completed = poller.waitForCompletion(Duration.ofSeconds(30));
        assertThat(completed.getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(poller.getFinalResult().getCer()).isEqualTo(encoded(signed));
    }

    @Test
    void setsListsAndDeletesContacts() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);

        List<CertificateContact> set = client.setContacts(List.of(
                new CertificateContact().setEmail("alice@example.com").setName("Alice").setPhone("+41 44 000 00 00"),
                new CertificateContact().setEmail("bob@example.com").setName("Bob"))).stream().toList();
        assertThat(set).extracting(CertificateContact::getEmail).containsExactly("alice@example.com", "bob@example.com");

        List<CertificateContact> listed = client.listContacts().stream().toList();
        assertThat(listed).extracting(CertificateContact::getName).containsExactly("Alice", "Bob");
        assertThat(listed.get(0).getPhone()).isEqualTo("+41 44 000 00 00");

        List<CertificateContact> deleted = client.deleteContacts().stream().toList();
        assertThat(deleted).extracting(CertificateContact::getEmail).containsExactly("alice@example.com", "bob@example.com");
        // As Key Vault: a vault without contacts answers 404 ContactsNotFound.
        assertThatThrownBy(() -> client.listContacts().stream().toList()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void createsGetsListsUpdatesAndDeletesAnIssuerAndIssuesThroughIt() throws Exception {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        var chain = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));
        String caPem = PemCodec.write(new CertificateBundle(chain.intermediate(), List.of(chain.root()), chain.intermediateKey().getPrivate()));
        client.importCertificate(new ImportCertificateOptions("corp-ca", caPem.getBytes(StandardCharsets.US_ASCII))
                .setPolicy(new CertificatePolicy("Unknown", "CN=Test Intermediate").setContentType(CertificateContentType.PEM)));

        CertificateIssuer created = client.createIssuer(new CertificateIssuer("corp-ca", "ca").setOrganizationId("platform"));
        assertThat(created.getName()).isEqualTo("corp-ca");
        assertThat(created.getProvider()).isEqualTo("ca");
        assertThat(created.isEnabled()).isTrue();
        assertThat(created.getOrganizationId()).isEqualTo("platform");

        CertificateIssuer read = client.getIssuer("corp-ca");
        assertThat(read.getName()).isEqualTo("corp-ca");
        assertThat(read.getId()).endsWith("/certificates/issuers/corp-ca");
        assertThat(client.listPropertiesOfIssuers().stream().toList()).singleElement().satisfies(issuer -> {
            assertThat(issuer.getName()).isEqualTo("corp-ca");
            assertThat(issuer.getProvider()).isEqualTo("ca");
        });

        CertificateIssuer disabled = client.updateIssuer(read.setEnabled(false));
        assertThat(disabled.isEnabled()).isFalse();
        client.updateIssuer(new CertificateIssuer("corp-ca").setEnabled(true));

        SyncPoller<CertificateOperation, KeyVaultCertificateWithPolicy> poller = client.beginCreateCertificate("service",
                new CertificatePolicy("corp-ca", "CN=service.example.com").setValidityInMonths(3));
        assertThat(poller.waitForCompletion(Duration.ofSeconds(60)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        X509Certificate issued = x509(poller.getFinalResult().getCer());
        assertThat(issued.getIssuerX500Principal()).isEqualTo(chain.intermediate().getSubjectX500Principal());

        client.beginDeleteCertificate("service").waitForCompletion(Duration.ofSeconds(30));
        client.purgeDeletedCertificate("service");
        client.updateCertificatePolicy("corp-ca", client.getCertificatePolicy("corp-ca"));
        CertificateIssuer removed = client.deleteIssuer("corp-ca");
        assertThat(removed.getName()).isEqualTo("corp-ca");
        assertThat(client.listPropertiesOfIssuers()).isEmpty();
        assertThatThrownBy(() -> client.getIssuer("corp-ca")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deletesThroughThePollerGetsTheDeletedCertificateRecoversAndPurges() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        var creation = client.beginCreateCertificate("old", new CertificatePolicy("Self", "CN=old.example.com"));
        creation.waitForCompletion(Duration.ofSeconds(30));
        KeyVaultCertificateWithPolicy created = creation.getFinalResult();

        SyncPoller<DeletedCertificate, Void> deletion = client.beginDeleteCertificate("old");
        DeletedCertificate first = deletion.poll().getValue();
        assertThat(deletion.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(first.getName()).isEqualTo("old");
        assertThat(first.getRecoveryId()).isEqualTo(AzureSdkTestSupport.vaultUrl(vault) + "/deletedcertificates/old");

        DeletedCertificate deleted = client.getDeletedCertificate("old");
        assertThat(deleted.getName()).isEqualTo("old");
        assertThat(deleted.getRecoveryId()).isEqualTo(AzureSdkTestSupport.vaultUrl(vault) + "/deletedcertificates/old");
        assertThat(deleted.getDeletedOn()).isBefore(OffsetDateTime.now().plusMinutes(1)).isAfter(OffsetDateTime.now().minusMinutes(5));
        assertThat(deleted.getScheduledPurgeDate()).isAfter(OffsetDateTime.now().plusDays(6));
        assertThat(deleted.getProperties().getVersion()).isEqualTo(created.getProperties().getVersion());
        assertThat(deleted.getProperties().getRecoveryLevel()).isNotBlank();
        assertThat(deleted.getCer()).isEqualTo(created.getCer());
        assertThat(client.listDeletedCertificates().stream().map(DeletedCertificate::getName)).containsExactly("old");
        assertThatThrownBy(() -> client.getCertificate("old")).isInstanceOf(ResourceNotFoundException.class);

        SyncPoller<KeyVaultCertificateWithPolicy, Void> recovery = client.beginRecoverDeletedCertificate("old");
        assertThat(recovery.waitForCompletion(Duration.ofSeconds(30)).getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(client.getCertificate("old").getCer()).isEqualTo(created.getCer());
        assertThatThrownBy(() -> client.getDeletedCertificate("old")).isInstanceOf(ResourceNotFoundException.class);

        client.beginDeleteCertificate("old").waitForCompletion(Duration.ofSeconds(30));
        client.purgeDeletedCertificate("old");
        assertThatThrownBy(() -> client.getDeletedCertificate("old")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.listDeletedCertificates()).isEmpty();
    }

    @Test
    void backsUpAndRestoresIntoAnotherVault() {
        String vault = AzureSdkTestSupport.createVault();
        String other = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        client.beginCreateCertificate("saved", new CertificatePolicy("Self", "CN=saved.example.com")).waitForCompletion(Duration.ofSeconds(30));
        client.beginCreateCertificate("saved", new CertificatePolicy("Self", "CN=saved.example.com")).waitForCompletion(Duration.ofSeconds(30));
        KeyVaultCertificateWithPolicy original = client.getCertificate("saved");

        byte[] backup = client.backupCertificate("saved");
        assertThat(backup).isNotEmpty();

        KeyVaultCertificateWithPolicy restored = AzureSdkTestSupport.client(other).restoreCertificateBackup(backup);
        assertThat(restored.getName()).isEqualTo("saved");
        assertThat(restored.getProperties().getVersion()).isEqualTo(original.getProperties().getVersion());
        assertThat(restored.getCer()).isEqualTo(original.getCer());
        assertThat(restored.getId()).startsWith(AzureSdkTestSupport.vaultUrl(other) + "/certificates/saved/");
        assertThat(AzureSdkTestSupport.client(other).listPropertiesOfCertificateVersions("saved")).hasSize(2);
    }

    @Test
    void updatesTheEnabledAttributeAndTagsOfTheCurrentVersion() {
        String vault = AzureSdkTestSupport.createVault();
        CertificateClient client = AzureSdkTestSupport.client(vault);
        client.beginCreateCertificate("flags", new CertificatePolicy("Self", "CN=flags.example.com")).waitForCompletion(Duration.ofSeconds(30));
        CertificateProperties properties = client.getCertificate("flags").getProperties();

        KeyVaultCertificate updated = client.updateCertificateProperties(properties.setEnabled(false).setTags(Map.of("env", "prod")));
        assertThat(updated.getProperties().isEnabled()).isFalse();
        assertThat(updated.getProperties().getTags()).containsExactly(Map.entry("env", "prod"));
        assertThat(updated.getProperties().getVersion()).isEqualTo(properties.getVersion());

        KeyVaultCertificateWithPolicy read = client.getCertificate("flags");
        assertThat(read.getProperties().isEnabled()).isFalse();
        assertThat(read.getProperties().getTags()).containsEntry("env", "prod");
        assertThat(read.getProperties().getUpdatedOn()).isAfterOrEqualTo(read.getProperties().getCreatedOn());
    }

    private static void createWithRenewdApi(String vault, String name) {
        HttpResponse<String> response = AzureSdkTestSupport.send(HttpRequest.newBuilder(URI.create(
                        AzureSdkTestSupport.vaultUrl(vault) + "/certificates/" + name + "/create?api-version=7.6"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, "
                        + "\"x509_props\": {\"subject\": \"CN=" + name + "\"}, \"issuer\": {\"name\": \"Self\"}}}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
