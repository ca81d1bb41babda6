package io.renewd.web;

import io.quarkus.arc.Arc;
import io.renewd.application.inventory.RefreshInventory;
import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.testing.Keycloak;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Vaults and certificates set up through the API as an administrator of the real Keycloak (alice), and people of this
 * test alone (new users, granted by their ids), so what they see is exactly what the test made.
 */
final class WebFixture {

    static final Keycloak KEYCLOAK = Keycloak.get();
    /** The CA a person has their CSRs signed by. */
    private static final TestCertificates.Chain CA = TestCertificates.validChain("CN=unused", new KeySpec.Ec(Curve.P_256));

    private WebFixture() {
    }

    record Person(String username, String id) {
    }

    static Person newPerson(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person(username, KEYCLOAK.createUser(username));
    }

    static String admin() {
        return KEYCLOAK.userToken("alice");
    }

    static String newVault() {
        String vault = TestVaults.newName();
        given().header("Authorization", "Bearer " + admin()).contentType(ContentType.JSON).put("/vaults/{v}", vault).then().statusCode(201);
        return vault;
    }

    static void grant(String vault, Person person, String role) {
        given().header("Authorization", "Bearer " + admin()).contentType(ContentType.JSON).body("{\"roles\": [\"" + role + "\"]}")
                .put("/vaults/{v}/accessPolicies/user/{p}", vault, person.id()).then().statusCode(200);
    }

    /** A self-signed certificate valid for {@code months}, with one lifetime action. */
    static void selfSigned(String vault, String name, int months, String trigger, String action) {
        create(vault, name, "{\"policy\": {\"issuer\": {\"name\": \"Self\"}, \"x509_props\": {\"subject\": \"CN=" + name + ".example\", "
                + "\"validity_months\": " + months + "}, \"lifetime_actions\": [{\"trigger\": " + trigger + ", \"action\": {\"action_type\": \""
                + action + "\"}}]}}");
        awaitCompleted(vault, name);
    }

    /** A certificate whose CSR waits for a person to have it signed and merge it; returns the CSR (base64 DER). */
    static String unknownIssuer(String vault, String name) {
        return create(vault, name, "{\"policy\": {\"issuer\": {\"name\": \"Unknown\"}, \"x509_props\": {\"subject\": \"CN=" + name + ".example\"}}}");
    }

    /** A person of a fixed user name (made once per identity provider). */
    static Person person(String username) {
        try {
            return new Person(username, KEYCLOAK.createUser(username));
        } catch (IllegalStateException exists) {
            return new Person(username, KEYCLOAK.userId(username));
        }
    }

    /** A vault of a fixed name; true when this call made it. */
    static boolean newVault(String vault) {
        return given().header("Authorization", "Bearer " + admin()).contentType(ContentType.JSON).put("/vaults/{v}", vault)
                .then().extract().statusCode() == 201;
    }

    static void issuer(String vault, String name, String body) {
        given().header("Authorization", "Bearer " + admin()).contentType(ContentType.JSON).body(body)
                .put("/vaults/{v}/certificates/issuers/{n}", vault, name).then().statusCode(200);
    }

    /** Starts creating a certificate of this policy (JSON); returns its CSR (base64 DER), if any. */
    static String create(String vault, String name, String body) {
        return given().header("Authorization", "Bearer " + admin()).contentType(ContentType.JSON).body(body)
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202).extract().path("csr");
    }

    static void awaitCompleted(String vault, String name) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "completed".equals(operationStatus(vault, name)));
    }

    static String operationStatus(String vault, String name) {
        return given().header("Authorization", "Bearer " + admin()).get("/vaults/{v}/certificates/{n}/pending", vault, name)
                .then().extract().path("status");
    }

    /** The test CA's certificate for a CSR (DER), valid 90 days from now, as a person's CA would sign it. */
    static X509Certificate signedByTestCa(byte[] csrDer) {
        CertificateSigningRequest csr = Csrs.parse(csrDer);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        return CertificateIssuance.signedBy(csr.publicKey(), template, CA.intermediate(), CA.intermediateKey().getPrivate());
    }

    /** The DER of a CSR in PEM (as the page's download gives it). */
    static byte[] csrDer(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    /**
     * The inventory's table and estate brought up to date with what the test did, as the scheduler's refresher does within
     * its interval: until no change is queued (a queue row the scheduler's own refresher holds counts until it commits).
     */
    static void inventoryRefreshed() {
        RefreshInventory refresh = Arc.container().instance(RefreshInventory.class).get();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> refresh.refreshNow() >= 0 && refresh.backlog() == 0);
    }

    static List<String> versions(String vault, String name) {
        return given().header("Authorization", "Bearer " + admin()).get("/vaults/{v}/certificates/{n}/versions", vault, name)
                .then().statusCode(200).extract().path("value.id");
    }
}
