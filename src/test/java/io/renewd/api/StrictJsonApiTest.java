package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.testing.TestCertificates;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are read as strictly as Key Vault reads them: for every operation that takes a
 * body, a body with every member Key Vault's REST API (7.4-7.6) defines for it is accepted, also
 * members renewd ignores ({@code preserveCertOrder}, read-only times, {@code org_details}), and a
 * member it does not define is refused with 400 BadParameter naming it, at any depth. Malformed
 * JSON, values of the wrong type and members in the wrong place are refused with a 400 that names
 * the problem, never a 500, and never repeat the value sent.
 */
@QuarkusTest
class StrictJsonApiTest {

    private static final TestCertificates.Chain CHAIN = TestCertificates.validChain("CN=imported.example.com", new KeySpec.Rsa(2048));

    /** Every member of CertificateAttributes, read-only ones included (a client may send back what it read). */
    private static final String ATTRIBUTES = """
            {"enabled": true, "nbf": 1700000000, "exp": 1900000000, "created": 1700000000, "updated": 1700000000,
             "recoverableDays": 90, "recoveryLevel": "Recoverable+Purgeable"}""";

    /** Every member of CertificatePolicy and of its parts, with renewd's extensions validity and ip_addresses. */
    private static final String POLICY = """
            {"id": "https://vault.example.com/certificates/x/policy",
             "key_props": {"exportable": true, "kty": "EC", "key_size": 256, "reuse_key": false, "crv": "P-256"},
             "secret_props": {"contentType": "application/x-pem-file"},
             "x509_props": {"subject": "CN=web.example.com", "ekus": ["1.3.6.1.5.5.7.3.1"],
                            "sans": {"emails": ["pki@example.com"], "dns_names": ["web.example.com"], "upns": ["web@example.com"],
                                     "ip_addresses": ["192.0.2.7"]},
                            "key_usage": ["digitalSignature"], "validity_months": 6},
             "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}},
                                  {"trigger": {"days_before_expiry": 10}, "action": {"action_type": "EmailContacts"}}],
             "issuer": {"name": "Self", "cty": "OV-SSL", "cert_transparency": false},
             "attributes": %s}""".formatted(ATTRIBUTES);

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    /** One operation that takes a body: how to send it, a body with every member Key Vault defines, what success is. */
    record Operation(String name, Method method, Function<String, String> path, String fullBody, int success) {
    }

    @Test
    void everyMemberKeyVaultDefinesIsAcceptedAndAnyOtherIsRefusedByName() {
        String importBody = """
                {"value": "%s", "pwd": "pfx-pass", "policy": {"lifetime_actions": [{"trigger": {"days_before_expiry": 30},
                 "action": {"action_type": "EmailContacts"}}]}, "attributes": %s, "tags": {"team": "web"}, "preserveCertOrder": false}"""
                .formatted(CHAIN.pfxBase64("pfx-pass"), ATTRIBUTES);
        List<Operation> operations = List.of(
                new Operation("create", Method.POST, n -> "/vaults/" + vault + "/certificates/" + n + "/create",
                        "{\"policy\": " + POLICY + ", \"attributes\": " + ATTRIBUTES + ", \"tags\": {\"a\": \"b\"}, \"preserveCertOrder\": true}", 202),
                new Operation("import", Method.POST, n -> "/vaults/" + vault + "/certificates/" + n + "/import", importBody, 200),
                new Operation("update", Method.PATCH, n -> "/vaults/" + vault + "/certificates/" + selfSigned(n),
                        "{\"policy\": " + POLICY + ", \"attributes\": " + ATTRIBUTES + ", \"tags\": {\"a\": \"b\"}}", 200),
                new Operation("update version", Method.PATCH, n -> "/vaults/" + vault + "/certificates/" + selfSigned(n) + "/" + currentVersion(n),
                        "{\"attributes\": " + ATTRIBUTES + ", \"tags\": {\"a\": \"b\"}}", 200),
                new Operation("update policy", Method.PATCH, n -> "/vaults/" + vault + "/certificates/" + selfSigned(n) + "/policy", POLICY, 200),
                new Operation("merge", Method.POST, n -> "/vaults/" + vault + "/certificates/" + n + "/pending/merge", null, 201),
                new Operation("cancel operation", Method.PATCH, n -> "/vaults/" + vault + "/certificates/" + pending(n) + "/pending",
                        "{\"cancellation_requested\": true}", 200),
                new Operation("contacts", Method.PUT, n -> "/vaults/" + vault + "/certificates/contacts",
                        "{\"id\": \"https://vault.example.com/certificates/contacts\", \"contacts\": [{\"email\": \"pki@example.com\","
                                + " \"name\": \"PKI\", \"phone\": \"+1 555 0100\"}]}", 200),
                new Operation("set issuer", Method.PUT, n -> "/vaults/" + vault + "/certificates/issuers/" + n, issuer("kid-1"), 200),
                new Operation("update issuer", Method.PATCH, n -> "/vaults/" + vault + "/certificates/issuers/" + existingIssuer(n), issuer("kid-2"), 200),
                new Operation("restore", Method.POST, n -> "/vaults/" + TestVaults.create() + "/certificates/restore", null, 200),
                new Operation("vault (renewd's own)", Method.PUT, n -> "/vaults/" + TestVaults.newName(),
                        "{\"softDeleteRetentionInDays\": 30, \"enablePurgeProtection\": false}", 201));

        List<String> failures = new ArrayList<>();
        int i = 0;
        for (Operation operation : operations) {
            String name = "c" + i++;
            String full = operation.fullBody() != null ? operation.fullBody() : switch (operation.name()) {
                case "merge" -> "{\"x5c\": [\"" + signedForPendingCsr(name) + "\"], \"attributes\": " + ATTRIBUTES + ", \"tags\": {\"a\": \"b\"}}";
                case "restore" -> "{\"value\": \"" + backupOf(selfSigned(name)) + "\"}";
                default -> throw new IllegalStateException(operation.name());
            };
            Response accepted = send(operation.method(), operation.path().apply(name), full);
            if (accepted.statusCode() != operation.success()) {
                failures.add(operation.name() + " with every Key Vault member: " + accepted.statusCode() + " " + accepted.asString());
            }

            // The same body with one member Key Vault does not define, at the top and deep inside.
            Response refused = send(operation.method(), operation.path().apply(name + "x"), withMember(full, "\"colour\": \"blue\""));
            expectUnknown(operation.name() + " (top level)", refused, "colour", failures);
            String deep = nested(operation.name());
            if (deep != null) {
                String[] parts = deep.split("\\|", 2);
                Response refusedDeep = send(operation.method(), operation.path().apply(name + "y"), parts[1]);
                expectUnknown(operation.name() + " (nested)", refusedDeep, parts[0], failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** A body with a member Key Vault does not define deep inside, and the path the error must name. */
    private String nested(String operation) {
        return switch (operation) {
            case "create" -> "policy.x509_props.sans.ips|{\"policy\": {\"x509_props\": {\"subject\": \"CN=a\", \"sans\": {\"ips\": []}}}}";
            case "update policy" -> "x509_props.sans.ips|{\"x509_props\": {\"subject\": \"CN=a\", \"sans\": {\"ips\": []}}}";
            case "import" -> "policy.lifetime_actions[0].trigger.percent|{\"value\": \"x\", \"policy\": {\"lifetime_actions\": "
                    + "[{\"trigger\": {\"percent\": 5}}]}}";
            case "update", "update version" -> "attributes.expires|{\"attributes\": {\"expires\": 1}}";
            case "merge" -> "attributes.disabled|{\"x5c\": [\"AA==\"], \"attributes\": {\"disabled\": true}}";
            case "contacts" -> "contacts[0].mail|{\"contacts\": [{\"mail\": \"a@example.com\"}]}";
            case "set issuer", "update issuer" -> "org_details.admin_details[0].title|{\"provider\": \"acme\", "
                    + "\"org_details\": {\"admin_details\": [{\"title\": \"Dr\"}]}}";
            default -> null;
        };
    }

    @Test
    void anIssuerBodyMayNotCarryTheIdOfAnIssuerBundle() {
        // IssuerBundle (a response) has an id; CertificateIssuerSetParameters does not.
        Response response = send(Method.PUT, "/vaults/" + vault + "/certificates/issuers/le",
                withMember(issuer("kid-1"), "\"id\": \"https://vault.example.com/certificates/issuers/le\""));
        List<String> failures = new ArrayList<>();
        expectUnknown("issuer with id", response, "id", failures);
        assertThat(failures).isEmpty();
    }

    /** A bad body, the operation it goes to, and what the 400's message must say. */
    record Bad(String what, String path, String body, String message) {
    }

    @Test
    void malformedJsonWrongTypesAndWrongNestingAre400sThatNameTheProblem() {
        String create = "/vaults/" + vault + "/certificates/bad/create";
        String importPath = "/vaults/" + vault + "/certificates/bad/import";
        String merge = "/vaults/" + vault + "/certificates/bad/pending/merge";
        List<Bad> cases = List.of(
                new Bad("truncated", create, "{\"policy\": {\"x509_props\": ", "not valid JSON"),
                new Bad("not JSON at all", create, "policy=Self", "not valid JSON"),
                new Bad("bare word", importPath, "{\"value\": \"x\", \"pwd\": hunter2-secret}", "not valid JSON"),
                new Bad("trailing garbage", create, "{} {}", "something follows"),
                new Bad("duplicate member", importPath, "{\"value\": \"a\", \"value\": \"b\"}", "member 'value' appears more than once"),
                new Bad("array for the body", create, "[]", "the body must be an object"),
                new Bad("string for the body", create, "\"Self\"", "the body must be an object"),
                new Bad("string for an integer", create, "{\"policy\": {\"key_props\": {\"key_size\": \"2048\"}}}",
                        "member 'policy.key_props.key_size' must be an integer"),
                new Bad("fraction for an integer", create, "{\"policy\": {\"key_props\": {\"key_size\": 2048.5}}}",
                        "member 'policy.key_props.key_size' must be an integer"),
                new Bad("huge integer", create, "{\"policy\": {\"key_props\": {\"key_size\": 99999999999999999999}}}", "out of range"),
                new Bad("string for a boolean", create, "{\"attributes\": {\"enabled\": \"yes\"}}", "member 'attributes.enabled' must be true or false"),
                new Bad("number for a string", importPath, "{\"value\": 12345}", "member 'value' must be a string"),
                new Bad("number as a tag value", create, "{\"tags\": {\"team\": 7}}", "member 'tags.team' must be a string"),
                new Bad("string for an object", create, "{\"policy\": \"Self\"}", "member 'policy' must be an object"),
                new Bad("object for an array", create, "{\"policy\": {\"lifetime_actions\": {\"trigger\": {}}}}",
                        "member 'policy.lifetime_actions' must be an array"),
                new Bad("string for an array", merge, "{\"x5c\": \"MIIB\"}", "member 'x5c' must be an array"),
                new Bad("array for a string", importPath, "{\"value\": [\"MIIB\"]}", "member 'value' must be a string"),
                new Bad("x509_props outside the policy", create, "{\"x509_props\": {\"subject\": \"CN=a\"}}", "unknown member 'x509_props'"),
                new Bad("issuer name where the issuer object goes", create, "{\"policy\": {\"issuer\": \"Self\"}}",
                        "member 'policy.issuer' must be an object"),
                new Bad("deep nesting", create, "{\"tags\": " + "[".repeat(5000) + "]".repeat(5000) + "}", ""),
                new Bad("contacts as an object", "/vaults/" + vault + "/certificates/contacts", "{\"contacts\": {\"email\": \"a@b.c\"}}",
                        "member 'contacts' must be an array"),
                new Bad("credentials as a string", "/vaults/" + vault + "/certificates/issuers/le",
                        "{\"provider\": \"acme\", \"credentials\": \"hunter2-secret\"}", "member 'credentials' must be an object"));
        List<String> failures = new ArrayList<>();
        for (Bad bad : cases) {
            Method method = bad.path().endsWith("/contacts") || bad.path().contains("/issuers/") ? Method.PUT : Method.POST;
            Response response = send(method, bad.path(), bad.body());
            String message = response.jsonPath().getString("error.message");
            if (response.statusCode() != 400 || !"BadParameter".equals(response.jsonPath().getString("error.code"))
                    || message == null || !message.contains(bad.message())) {
                failures.add(bad.what() + ": " + response.statusCode() + " " + response.asString());
            } else if (message.contains("hunter2") || message.contains("io.renewd") || message.contains("java.")) {
                failures.add(bad.what() + ": the message repeats input or names Java types: " + message);
            }
        }
        assertThat(failures).isEmpty();
        given().get("/vaults/{v}/certificates/bad", vault).then().statusCode(404);
    }

    private static void expectUnknown(String what, Response response, String member, List<String> failures) {
        String message = response.jsonPath().getString("error.message");
        if (response.statusCode() != 400 || !"BadParameter".equals(response.jsonPath().getString("error.code"))
                || message == null || !message.contains("unknown member '" + member + "'")) {
            failures.add(what + ": expected 400 naming '" + member + "', got " + response.statusCode() + " " + response.asString());
        }
    }

    private static String withMember(String body, String member) {
        return body.substring(0, body.lastIndexOf('}')) + ", " + member + "}";
    }

    private static Response send(Method method, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).request(method, path);
    }

    private static String issuer(String accountId) {
        return """
                {"provider": "acme", "credentials": {"account_id": "%s", "pwd": "aG1hYy1rZXk"},
                 "org_details": {"id": "org-7", "admin_details": [{"first_name": "Ada", "last_name": "Lovelace",
                                 "email": "ada@example.com", "phone": "+1 555 0100"}]},
                 "attributes": {"enabled": true, "created": 1700000000, "updated": 1700000000},
                 "acme": {"directory_url": "https://acme.example.com/directory", "contact": "pki@example.com"}}""".formatted(accountId);
    }

    private String existingIssuer(String name) {
        send(Method.PUT, "/vaults/" + vault + "/certificates/issuers/" + name, issuer("kid-0")).then().statusCode(200);
        return name;
    }

    private String selfSigned(String name) {
        send(Method.POST, "/vaults/" + vault + "/certificates/" + name + "/create", CertificateLifecycleApiTest.SELF_POLICY)
                .then().statusCode(202);
        return name;
    }

    private String currentVersion(String name) {
        String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().statusCode(200).extract().path("id");
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private String pending(String name) {
        send(Method.POST, "/vaults/" + vault + "/certificates/" + name + "/create", CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .then().statusCode(202);
        return name;
    }

    private String signedForPendingCsr(String name) {
        String csrBase64 = send(Method.POST, "/vaults/" + vault + "/certificates/" + name + "/create", CertificateLifecycleApiTest.UNKNOWN_POLICY)
                .then().statusCode(202).extract().path("csr");
        CertificateSigningRequest csr = Csrs.parse(Base64.getDecoder().decode(csrBase64));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var template = new CertificateTemplate(csr.subject(), csr.sans(), Set.of(KeyUsage.DIGITAL_SIGNATURE), List.of(),
                now, now.plus(Duration.ofDays(90)), false, null);
        X509Certificate signed = CertificateIssuance.signedBy(csr.publicKey(), template, CHAIN.intermediate(), CHAIN.intermediateKey().getPrivate());
        try {
            return Base64.getEncoder().encodeToString(signed.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    private String backupOf(String name) {
        return given().post("/vaults/{v}/certificates/{n}/backup", vault, name).then().statusCode(200).extract().path("value");
    }
}
