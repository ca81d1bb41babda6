package io.renewd.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.pki.EnvelopeEncryption;
import io.renewd.pki.KeyEncryptionKeys;
import io.renewd.pki.PemCodec;
import io.renewd.store.SealedStorage;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestDatabase;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class BackupApiTest {

    private static final TestCertificates.Chain CHAIN = TestCertificates.validChain("CN=ordered.example.com", new KeySpec.Ec(Curve.P_256));

    /** The sealing context of every backup renewd has written (format 1 and later). */
    private static final String BACKUP_CONTEXT = "backup:renewd-certificate-backup-1";

    @Inject
    SealedStorage sealedStorage;

    @Inject
    ObjectMapper mapper;

    private String vault;
    private String otherVault;

    @BeforeEach
    void createVaults() {
        vault = VaultApiTest.newVaultName();
        otherVault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        given().contentType(ContentType.JSON).put("/vaults/{v}", otherVault).then().statusCode(201);
    }

    @Test
    void aBackupRestoresElsewhereWithEveryVersionTagAndKey() {
        create("web");
        create("web");
        String secretBefore = given().get("/vaults/{v}/secrets/web", vault).then().extract().path("value");
        var versionsBefore = given().get("/vaults/{v}/certificates/web/versions", vault).then().extract().<java.util.List<String>>path("value.x5t");

        String blob = backup("web");
        assertThat(blob).doesNotContain("web.example.com");

        restore(otherVault, blob).statusCode(200).body("policy.x509_props.subject", is("CN=web.example.com")).body("tags.team", is("web"));
        given().get("/vaults/{v}/certificates/web/versions", otherVault).then().body("value", hasSize(2)).body("value.x5t", is(versionsBefore));
        given().get("/vaults/{v}/secrets/web", otherVault).then().body("value", is(secretBefore));
    }

    @Test
    void restoreNeedsTheNameFree() {
        create("web");
        String blob = backup("web");

        restore(vault, blob).statusCode(409).body("error.message", containsString("already has a certificate 'web'"));
    }

    @Test
    void aTamperedOrForeignBlobIsRefusedAndNothingIsRestored() {
        create("web");
        byte[] blob = Base64.getUrlDecoder().decode(backup("web"));
        blob[blob.length / 2] ^= 0x01;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(blob);

        byte[] otherKek = new byte[32];
        new SecureRandom().nextBytes(otherKek);
        var otherInstallation = new EnvelopeEncryption(new KeyEncryptionKeys("elsewhere", Map.of("elsewhere", otherKek)));
        String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString(otherInstallation.seal(
                "{\"format\":\"renewd-certificate-backup-1\"}".getBytes(StandardCharsets.UTF_8),
                "backup:renewd-certificate-backup-1".getBytes(StandardCharsets.UTF_8)).toBytes());

        for (String bad : new String[]{tampered, foreign, "bm90IGEgYmFja3Vw", "***"}) {
            restore(otherVault, bad).statusCode(400).body("error.code", is("BadParameter"));
        }
        given().get("/vaults/{v}/certificates?includePending=true", otherVault).then().body("value", hasSize(0));
    }

    /** A backup taken before stricter rules (here a hand-edited row stands in for it) is refused with the reason, not a 500. */
    @Test
    void aBackupWhosePolicyThisRenewdCannotAcceptIsRefusedAndNothingIsRestored() throws Exception {
        create("web");
        TestDatabase.execute("update certificate set policy = jsonb_set(jsonb_set(policy, '{x509,validity}', 'null'), '{x509,validityMonths}', '0') "
                + "where vault = ? and name = 'web'", vault);
        String blob = backup("web");

        restore(otherVault, blob).statusCode(400).body("error.code", is("BadParameter"))
                .body("error.message", containsString("holds a policy this renewd cannot accept"));
        given().get("/vaults/{v}/certificates?includePending=true", otherVault).then().body("value", hasSize(0));
    }

    @Test
    void preserveCertOrderAndTheOrderGivenSurviveBackupAndRestore() {
        importPem("kept", PemCodec.writeCertificates(List.of(CHAIN.root(), CHAIN.leaf(), CHAIN.intermediate()))
                + PemCodec.writePrivateKey(CHAIN.leafKey().getPrivate()));
        String blob = backup("kept");

        restore(otherVault, blob).statusCode(200).body("preserveCertOrder", equalTo(true));
        given().get("/vaults/{v}/certificates/kept", otherVault).then().statusCode(200).body("preserveCertOrder", equalTo(true));
        assertThat(secretChain(otherVault, "kept")).containsExactly(CHAIN.root(), CHAIN.leaf(), CHAIN.intermediate());
    }

    @Test
    void aBackupMadeBeforePreserveCertOrderRestoresWithTheFlagFalseAndTheChainLeafFirst() throws Exception {
        importPem("kept", PemCodec.writeCertificates(List.of(CHAIN.root(), CHAIN.leaf(), CHAIN.intermediate()))
                + PemCodec.writePrivateKey(CHAIN.leafKey().getPrivate()));
        String older = withoutPreserveCertOrder(backup("kept"));

        restore(otherVault, older).statusCode(200).body("preserveCertOrder", equalTo(false));
        assertThat(secretChain(otherVault, "kept")).containsExactly(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());
    }

    /** The blob as a renewd before preserveCertOrder wrote it: format 1, no flag, no order per version. */
    private String withoutPreserveCertOrder(String blob) throws Exception {
        var json = (ObjectNode) mapper.readTree(sealedStorage.open(Base64.getUrlDecoder().decode(blob), BACKUP_CONTEXT));
        json.put("format", "renewd-certificate-backup-1");
        json.remove("preserveCertOrder");
        ((ArrayNode) json.get("versions")).forEach(v -> ((ObjectNode) v).remove("presentedChain"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealedStorage.seal(mapper.writeValueAsBytes(json), BACKUP_CONTEXT));
    }

    private void importPem(String name, String pem) {
        given().contentType(ContentType.JSON)
                .body(Map.of("value", pem, "preserveCertOrder", true, "policy", Map.of("secret_props", Map.of("contentType", "application/x-pem-file"))))
                .post("/vaults/{v}/certificates/{n}/import", vault, name).then().statusCode(200).body("preserveCertOrder", equalTo(true));
    }

    private static List<X509Certificate> secretChain(String vault, String name) {
        return PemCodec.readCertificates(given().get("/vaults/{v}/secrets/{n}", vault, name).then().statusCode(200).extract().path("value"));
    }

    private void create(String name) {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private String backup(String name) {
        return given().post("/vaults/{v}/certificates/{n}/backup", vault, name).then().statusCode(200).extract().path("value");
    }

    private io.restassured.response.ValidatableResponse restore(String target, String blob) {
        return given().contentType(ContentType.JSON).body(Map.of("value", blob)).post("/vaults/{v}/certificates/restore", target).then();
    }
}
