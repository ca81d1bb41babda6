package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Names are case-insensitive, as in Key Vault: {@code WEB} finds {@code web}, creating {@code Web} next to {@code web}
 * makes a new version of it, and the name keeps the case it was created with in ids and lists. Collection segments
 * ({@code Certificates}, {@code Issuers}) match whatever their case; other vaults stay out of reach.
 */
@QuarkusTest
class NameCaseApiTest {

    private static final String SELF = """
            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=web.example.com"},
                        "issuer": {"name": "Self"}}}""";
    private static final String ACME = """
            {"provider": "acme", "acme": {"directory_url": "https://acme.example.com/directory"}}""";

    @Inject
    DataSource dataSource;

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void aCertificateIsFoundWhateverTheCaseOfItsNameAndKeepsTheCaseItWasCreatedWith() {
        create("MixedCase").statusCode(202);

        for (String spelling : List.of("mixedcase", "MIXEDCASE", "mixedCASE")) {
            given().get("/vaults/{v}/certificates/{n}", vault, spelling).then().statusCode(200)
                    .body("id", endsWith("/certificates/MixedCase/" + version("MixedCase")))
                    .body("kid", endsWith("/keys/MixedCase/" + version("MixedCase")));
            given().get("/vaults/{v}/certificates/{n}/policy", vault, spelling).then().statusCode(200)
                    .body("id", endsWith("/certificates/MixedCase/policy"));
            given().get("/vaults/{v}/certificates/{n}/pending", vault, spelling).then().statusCode(200)
                    .body("id", endsWith("/certificates/MixedCase/pending"));
            given().get("/vaults/{v}/certificates/{n}/versions", vault, spelling).then().statusCode(200).body("value", hasSize(1));
            given().get("/vaults/{v}/certificates/{n}/{version}", vault, spelling, version("MixedCase")).then().statusCode(200);
            given().get("/vaults/{v}/secrets/{n}", vault, spelling).then().statusCode(200)
                    .body("id", endsWith("/secrets/MixedCase/" + version("MixedCase")));
            given().get("/vaults/{v}/keys/{n}", vault, spelling).then().statusCode(200)
                    .body("key.kid", endsWith("/keys/MixedCase/" + version("MixedCase")));
        }
        given().get("/vaults/{v}/certificates", vault).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", endsWith("/certificates/MixedCase"));
    }

    @Test
    void creatingOrImportingAnotherSpellingMakesANewVersionOfTheSameCertificate() {
        create("web").statusCode(202);
        create("Web").statusCode(202).body("id", endsWith("/certificates/web/pending"));
        create("WEB").statusCode(202);
        String pfx = io.renewd.testing.TestCertificates.validChain("CN=web.example.com", new io.renewd.domain.KeySpec.Rsa(2048))
                .pfxBase64("pw");
        given().contentType(ContentType.JSON).body("{\"value\": \"" + pfx + "\", \"pwd\": \"pw\"}")
                .post("/vaults/{v}/certificates/wEb/import", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/web/" + version("web")));

        given().get("/vaults/{v}/certificates", vault).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", endsWith("/certificates/web"));
        given().get("/vaults/{v}/certificates/web/versions", vault).then().statusCode(200).body("value", hasSize(4));
    }

    @Test
    void updateDeleteRecoverBackupAndPurgeFindTheCertificateWhateverTheCase() {
        create("Api").statusCode(202);
        given().contentType(ContentType.JSON).body("{\"tags\": {\"a\": \"b\"}}").patch("/vaults/{v}/certificates/API", vault)
                .then().statusCode(200).body("tags.a", is("b")).body("id", endsWith("/certificates/Api/" + version("Api")));
        given().contentType(ContentType.JSON).body("{\"x509_props\": {\"validity_months\": 6}}").patch("/vaults/{v}/certificates/api/policy", vault)
                .then().statusCode(200).body("id", endsWith("/certificates/Api/policy"));
        String backup = given().post("/vaults/{v}/certificates/aPI/backup", vault).then().statusCode(200).extract().path("value");

        given().delete("/vaults/{v}/certificates/api", vault).then().statusCode(200)
                .body("recoveryId", endsWith("/deletedcertificates/Api"));
        create("API").statusCode(409).body("error.code", is("ObjectIsDeletedButRecoverable"));
        given().get("/vaults/{v}/deletedcertificates/API", vault).then().statusCode(200)
                .body("recoveryId", endsWith("/deletedcertificates/Api"));
        given().post("/vaults/{v}/deletedcertificates/aPi/recover", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/Api/" + version("Api")));
        given().delete("/vaults/{v}/certificates/Api", vault).then().statusCode(200);
        given().delete("/vaults/{v}/deletedcertificates/API", vault).then().statusCode(204);
        given().get("/vaults/{v}/deletedcertificates/Api", vault).then().statusCode(404);

        create("aPi").statusCode(202);
        given().contentType(ContentType.JSON).body("{\"value\": \"" + backup + "\"}").post("/vaults/{v}/certificates/restore", vault)
                .then().statusCode(409);
    }

    @Test
    void issuersAreFoundWhateverTheCaseAndPoliciesNameThemInAnyCase() {
        given().contentType(ContentType.JSON).body(ACME).put("/vaults/{v}/certificates/issuers/MyAcme", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/issuers/MyAcme"));
        given().contentType(ContentType.JSON).body(ACME).put("/vaults/{v}/certificates/issuers/MYACME", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/issuers/MyAcme"));
        given().get("/vaults/{v}/certificates/issuers/myacme", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/issuers/MyAcme"));
        given().contentType(ContentType.JSON).body("{\"org_details\": {\"id\": \"o\"}}")
                .patch("/vaults/{v}/certificates/issuers/myACME", vault).then().statusCode(200);
        given().get("/vaults/{v}/certificates/issuers", vault).then().statusCode(200).body("value", hasSize(1));

        given().contentType(ContentType.JSON).body("""
                        {"policy": {"x509_props": {"subject": "CN=svc.example.com", "sans": {"dns_names": ["svc.example.com"]}},
                                    "issuer": {"name": "myacme"}}}""")
                .post("/vaults/{v}/certificates/svc/create", vault).then().statusCode(202).body("issuer.name", is("MyAcme"));
        given().get("/vaults/{v}/certificates/svc/policy", vault).then().statusCode(200).body("issuer.name", is("MyAcme"));
        given().delete("/vaults/{v}/certificates/issuers/MYACME", vault).then().statusCode(409).body("error.code", is("IssuerInUse"));
        given().get("/vaults/{v}/certificates/issuers/MyAcme", vault).then().statusCode(200);
    }

    @Test
    void selfAndUnknownAreNamedInAnyCase() {
        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=s.example.com\"}, \"issuer\": {\"name\": \"self\"}}}")
                .post("/vaults/{v}/certificates/s/create", vault).then().statusCode(202).body("status", is("completed"));
        given().contentType(ContentType.JSON).body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=u.example.com\"}, \"issuer\": {\"name\": \"UNKNOWN\"}}}")
                .post("/vaults/{v}/certificates/u/create", vault).then().statusCode(202).body("csr", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body("{\"cancellation_requested\": true}").patch("/vaults/{v}/certificates/U/pending", vault)
                .then().statusCode(200).body("status", is("cancelled"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /vaults/{v}/Certificates/web",
            "GET, /vaults/{v}/CERTIFICATES",
            "GET, /vaults/{v}/certificates/Issuers",
            "GET, /vaults/{v}/Certificates/ISSUERS/team-ca",
            "GET, /vaults/{v}/certificates/Contacts",
            "GET, /vaults/{v}/certificates/web/Policy",
            "GET, /vaults/{v}/certificates/web/VERSIONS",
            "GET, /vaults/{v}/certificates/web/Pending",
            "GET, /vaults/{v}/Keys/web",
            "GET, /vaults/{v}/SECRETS/web",
            "GET, /vaults/{v}/DeletedCertificates",
            "GET, /vaults/{v}/DELETEDCERTIFICATES",
            "POST, /vaults/{v}/certificates/web/Backup",
    })
    void collectionSegmentsMatchWhateverTheirCase(String method, String path) {
        create("web").statusCode(202);
        given().contentType(ContentType.JSON).body(ACME).put("/vaults/{v}/certificates/issuers/team-ca", vault).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"a@example.com\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);

        given().request(method, path.replace("{v}", vault)).then().statusCode(200);
    }

    @Test
    void aCollectionSegmentInAnotherCaseStillCreatesUnderTheNameAsSent() {
        given().contentType(ContentType.JSON).body(SELF).post("/vaults/{v}/Certificates/Web/Create", vault).then().statusCode(202)
                .body("id", endsWith("/certificates/Web/pending"));
        given().contentType(ContentType.JSON).body("{}").post("/vaults/{v}/CERTIFICATES/web/CREATE", vault).then().statusCode(202);
        given().delete("/vaults/{v}/Certificates/WEB", vault).then().statusCode(200);
        given().post("/vaults/{v}/DeletedCertificates/web/Recover", vault).then().statusCode(200)
                .body("id", endsWith("/certificates/Web/" + version("Web")));
    }

    @Test
    void anotherVaultsCertificatesStayOutOfReachWhateverTheCase() {
        String other = TestVaults.create();
        given().contentType(ContentType.JSON).body(SELF).post("/vaults/{v}/certificates/secret-app/create", other).then().statusCode(202);

        for (String spelling : List.of("secret-app", "SECRET-APP", "Secret-App")) {
            given().get("/vaults/{v}/certificates/{n}", vault, spelling).then().statusCode(404);
            given().get("/vaults/{v}/secrets/{n}", vault, spelling).then().statusCode(404);
            given().get("/vaults/{v}/Certificates/{n}", vault, spelling).then().statusCode(404);
        }
        create("Secret-App").statusCode(202).body("id", endsWith("/vaults/" + vault + "/certificates/Secret-App/pending"));
        given().get("/vaults/{v}/certificates/secret-app/versions", other).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void theDatabaseRefusesASecondSpellingOfANameInTheSameVault() throws SQLException {
        create("Race").statusCode(202);
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("""
                    insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
                    select vault, 'RACE', policy, now(), now(), now() from certificate where vault = '%s' and name = 'Race'""".formatted(vault)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("certificate_name_ci");
            assertThatThrownBy(() -> statement.executeUpdate("""
                    insert into certificate_issuer (vault, name, provider, created_at, updated_at)
                    values ('%1$s', 'Team-CA', 'acme', now(), now()), ('%1$s', 'team-ca', 'acme', now(), now())""".formatted(vault)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("certificate_issuer_name_ci");
            try (var rows = statement.executeQuery("select count(*) from certificate where vault = '" + vault + "'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void twoSpellingsCreatedAtOnceMakeOneCertificate() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "Race" + round;
            var start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<Integer>> statuses = List.of(name, name.toLowerCase(Locale.ROOT)).stream().map(spelling -> pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(SELF).post("/vaults/{v}/certificates/{n}/create", vault, spelling)
                            .then().extract().statusCode();
                })).toList();
                start.countDown();
                List<Integer> answered = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    answered.add(status.get());
                }
                // the loser of a race for a new name changed nothing and may retry (409), as for one spelling
                assertThat(answered).as("round %d", round).allMatch(s -> s == 202 || s == 409).contains(202);
                given().get("/vaults/{v}/certificates/{n}/versions", vault, name).then().statusCode(200)
                        .body("value", hasSize((int) answered.stream().filter(s -> s == 202).count()));
            }
        }
        given().get("/vaults/{v}/certificates", vault).then().statusCode(200).body("value", hasSize(5));
    }

    private ValidatableResponse create(String name) {
        return given().contentType(ContentType.JSON).body(SELF).post("/vaults/{v}/certificates/{n}/create", vault, name).then();
    }

    private String version(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
