package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.pki.PemCodec;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class SecretAndKeyApiTest {

    @Inject
    DataSource dataSource;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = VaultApiTest.newVaultName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
    }

    @Test
    void pfxSecretOpensWithJavaAndOpensslWithAnEmptyPassword() throws Exception {
        create("pfx", "{\"policy\": {\"x509_props\": {\"subject\": \"CN=pfx.example.com\"}}}");

        var secret = given().get("/vaults/{v}/secrets/pfx", vault).then().statusCode(200)
                .body("contentType", is("application/x-pkcs12"))
                .body("managed", is(true))
                .body("kid", containsString("/keys/pfx/"))
                .extract();
        byte[] pfx = Base64.getDecoder().decode(secret.<String>path("value"));

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), new char[0]);
        String alias = store.aliases().nextElement();
        assertThat(store.getKey(alias, new char[0])).isInstanceOf(PrivateKey.class);
        assertThat(((X509Certificate) store.getCertificate(alias)).getSubjectX500Principal().getName()).isEqualTo("CN=pfx.example.com");

        Path file = Files.createTempFile("secret", ".pfx");
        Files.write(file, pfx);
        assertThat(openssl("pkcs12", "-in", file.toString(), "-info", "-noout", "-passin", "pass:")).isZero();
    }

    @Test
    void pemSecretCarriesTheKeyThatIsStoredOnlySealed() throws Exception {
        create("pem", CertificateLifecycleApiTest.SELF_POLICY);

        String pem = given().get("/vaults/{v}/secrets/pem", vault).then().statusCode(200)
                .body("contentType", is("application/x-pem-file")).extract().path("value");
        PrivateKey key = PemCodec.readPrivateKey(pem, new char[0]);
        assertThat(PemCodec.readCertificates(pem)).hasSize(1);

        String pkcs8Hex = HexFormat.of().formatHex(key.getEncoded());
        String pkcs8Base64 = Base64.getEncoder().encodeToString(key.getEncoded());
        for (String row : everyRow()) {
            assertThat(row).doesNotContain(pkcs8Hex).doesNotContain(pkcs8Base64.substring(0, 40));
        }
    }

    @Test
    void aNonExportableKeyNeverLeaves() {
        create("locked", "{\"policy\": {\"key_props\": {\"exportable\": false}, \"x509_props\": {\"subject\": \"CN=locked\"}}}");

        given().get("/vaults/{v}/secrets/locked", vault).then().statusCode(200)
                .body("contentType", is("application/x-pem-file"))
                .body("value", containsString("BEGIN CERTIFICATE"))
                .body("value", not(containsString("PRIVATE KEY")));
    }

    @Test
    void aDisabledVersionsSecretCannotBeRead() {
        create("off", CertificateLifecycleApiTest.SELF_POLICY);
        given().contentType(ContentType.JSON).body("{\"attributes\": {\"enabled\": false}}")
                .patch("/vaults/{v}/certificates/off", vault).then().statusCode(200);

        given().get("/vaults/{v}/secrets/off", vault).then().statusCode(403)
                .body("error.code", is("Forbidden")).body("error.message", containsString("disabled"));
    }

    @Test
    void theKeyShowsThePublicHalfWithKeyVaultsKeyOperations() {
        create("k", CertificateLifecycleApiTest.SELF_POLICY);

        given().get("/vaults/{v}/keys/k", vault).then().statusCode(200)
                .body("key.kty", is("EC"))
                .body("key.crv", is("P-256"))
                .body("key.key_ops", is(List.of("sign", "verify", "wrapKey", "unwrapKey")))
                .body("key.d", org.hamcrest.Matchers.nullValue())
                .body("managed", is(true));
    }

    private void create(String name, String body) {
        given().contentType(ContentType.JSON).body(body).post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private List<String> everyRow() throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = dataSource.getConnection()) {
            for (String table : List.of("certificate", "certificate_version", "certificate_operation", "certificate_issuer")) {
                try (var result = connection.createStatement().executeQuery("select t::text from " + table + " t")) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static int openssl(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
        return process.exitValue();
    }
}
