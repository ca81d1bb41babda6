package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.pki.EnvelopeEncryption;
import io.renewd.pki.KeyEncryptionKeys;
import io.renewd.pki.PemCodec;
import io.renewd.pki.SealedData;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class KekRotationApiTest {

    /** The older of the two test KEKs (%test profile): data sealed before the rotation to "test1". */
    private static final String OLD_KEKS = "test0:b2xkLXRlc3Qta2V5LWZvci1yb3RhdGlvbi10ZXN0cyE=";

    @Inject
    DataSource dataSource;

    @Test
    void valuesSealedUnderAnOlderKekStillOpenAndAreRewrappedUnderTheActiveOne() throws Exception {
        String vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                .post("/vaults/{v}/certificates/rotated/create", vault).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/rotated", vault).then().extract().path("id");
        String version = id.substring(id.lastIndexOf('/') + 1);
        String secret = secret(vault);
        byte[] pkcs8 = PemCodec.readPrivateKey(secret, new char[0]).getEncoded();

        var before = new EnvelopeEncryption(KeyEncryptionKeys.parse(OLD_KEKS, "test0"))
                .seal(pkcs8, ("key:" + vault + "/rotated/" + version).getBytes(StandardCharsets.UTF_8));
        storeSealedKey(version, before.toBytes());
        assertThat(sealedKekId(version)).isEqualTo("test0");
        assertThat(secret(vault)).isEqualTo(secret);

        given().post("/admin/kek/rewrap").then().statusCode(200)
                .body("activeKekId", is("test1")).body("rewrapped", greaterThanOrEqualTo(1));

        assertThat(sealedKekId(version)).isEqualTo("test1");
        assertThat(secret(vault)).isEqualTo(secret);
        given().post("/admin/kek/rewrap").then().statusCode(200).body("rewrapped", is(0));
    }

    @Test
    void theTsigSecretsOfDns01SolversAreRewrappedToo() throws Exception {
        String vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                        {"provider": "acme", "acme": {"directory_url": "https://127.0.0.1:14000/dir", "solvers": [{"dns01": {"rfc2136":
                          {"nameserver": "127.0.0.1:5353", "tsig_key_name": "renewd", "tsig_secret": "c2VjcmV0LW9mLXRoZS1rZXk="}}}]}}""")
                .put("/vaults/{v}/certificates/issuers/le-dns", vault).then().statusCode(200);
        var before = new EnvelopeEncryption(KeyEncryptionKeys.parse(OLD_KEKS, "test0")).seal(
                "[\"c2VjcmV0LW9mLXRoZS1rZXk=\"]".getBytes(StandardCharsets.UTF_8),
                ("issuer-solver-secrets:" + vault + "/le-dns").getBytes(StandardCharsets.UTF_8));
        try (var connection = dataSource.getConnection();
             var update = connection.prepareStatement("update certificate_issuer set solver_secrets_sealed = ? where vault = ? and name = ?")) {
            update.setBytes(1, before.toBytes());
            update.setString(2, vault);
            update.setString(3, "le-dns");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        given().post("/admin/kek/rewrap").then().statusCode(200).body("rewrapped", greaterThanOrEqualTo(1));

        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select solver_secrets_sealed from certificate_issuer where vault = ? and name = ?")) {
            query.setString(1, vault);
            query.setString(2, "le-dns");
            try (var rows = query.executeQuery()) {
                rows.next();
                assertThat(SealedData.fromBytes(rows.getBytes(1)).kekId()).isEqualTo("test1");
            }
        }
        given().get("/vaults/{v}/certificates/issuers/le-dns", vault).then().statusCode(200)
                .body("acme.solvers[0].dns01.rfc2136.tsig_secret_set", is(true));
    }

    private static String secret(String vault) {
        return given().get("/vaults/{v}/secrets/rotated", vault).then().statusCode(200).extract().path("value");
    }

    private void storeSealedKey(String version, byte[] sealed) throws Exception {
        try (var connection = dataSource.getConnection();
             var update = connection.prepareStatement("update certificate_version set private_key_sealed = ? where version = ?")) {
            update.setBytes(1, sealed);
            update.setString(2, version);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private String sealedKekId(String version) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select private_key_sealed from certificate_version where version = ?")) {
            query.setString(1, version);
            try (var rows = query.executeQuery()) {
                rows.next();
                return SealedData.fromBytes(rows.getBytes(1)).kekId();
            }
        }
    }
}
