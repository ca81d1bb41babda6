package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.api.security.OperationRule;
import io.renewd.api.security.OperationRules;
import io.renewd.domain.security.BuiltInRole;
import io.renewd.domain.security.Permission;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Principals x operations: a principal holding exactly one permission may do exactly the
 * operations that need it and is refused (403, naming the permission) everything else; the
 * built-in roles and group policies likewise.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

    /** One API operation, the permission it needs, and how to call it. */
    record Call(String name, Permission needs, String method, String path, String body) {
    }

    private static final String POLICY = "{\"policy\": {\"key_props\": {\"kty\": \"EC\", \"crv\": \"P-256\"}, \"x509_props\": {\"subject\": \"CN=m\"},"
            + " \"lifetime_actions\": [{\"trigger\": {\"lifetime_percentage\": 80}, \"action\": {\"action_type\": \"EmailContacts\"}}]}}";

    private static final List<Call> CALLS = List.of(
            new Call("list certificates", Permission.LIST, "GET", "/certificates", null),
            new Call("create", Permission.CREATE, "POST", "/certificates/made/create", POLICY),
            new Call("import", Permission.IMPORT, "POST", "/certificates/imp/import", "{\"value\": \"not a certificate\"}"),
            new Call("get", Permission.GET, "GET", "/certificates/c", null),
            new Call("get a version", Permission.GET, "GET", "/certificates/c/00000000000000000000000000000000", null),
            new Call("list versions", Permission.LIST, "GET", "/certificates/c/versions", null),
            new Call("update", Permission.UPDATE, "PATCH", "/certificates/c", "{\"tags\": {\"a\": \"b\"}}"),
            new Call("delete", Permission.DELETE, "DELETE", "/certificates/nothing-here", null),
            new Call("get policy", Permission.GET, "GET", "/certificates/c/policy", null),
            new Call("update policy", Permission.UPDATE, "PATCH", "/certificates/c/policy", "{}"),
            new Call("merge", Permission.CREATE, "POST", "/certificates/c/pending/merge", "{\"x5c\": []}"),
            new Call("backup", Permission.BACKUP, "POST", "/certificates/c/backup", null),
            new Call("restore", Permission.RESTORE, "POST", "/certificates/restore", "{\"value\": \"bm90IGEgYmFja3Vw\"}"),
            new Call("get operation", Permission.GET, "GET", "/certificates/c/pending", null),
            new Call("cancel operation", Permission.UPDATE, "PATCH", "/certificates/nothing-here/pending", "{\"cancellation_requested\": true}"),
            new Call("delete operation", Permission.UPDATE, "DELETE", "/certificates/nothing-here/pending", null),
            new Call("start a bulk re-issue", Permission.CREATE, "POST", "/certificates/reissue",
                    "{\"selector\": {\"serialNumbers\": [\"0badc0de\"]}, \"reason\": \"matrix\"}"),
            new Call("list bulk re-issues", Permission.GET, "GET", "/reissues", null),
            new Call("get a bulk re-issue", Permission.GET, "GET", "/reissues/6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", null),
            new Call("cancel a bulk re-issue", Permission.CREATE, "POST", "/reissues/6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b/cancel", null),
            new Call("set contacts", Permission.MANAGE_CONTACTS, "PUT", "/certificates/contacts", "{\"contacts\": [{\"email\": \"a@example.com\"}]}"),
            new Call("get contacts", Permission.MANAGE_CONTACTS, "GET", "/certificates/contacts", null),
            new Call("delete contacts", Permission.MANAGE_CONTACTS, "DELETE", "/certificates/contacts", null),
            new Call("list deleted", Permission.LIST, "GET", "/deletedcertificates", null),
            new Call("get deleted", Permission.GET, "GET", "/deletedcertificates/gone", null),
            new Call("recover", Permission.RECOVER, "POST", "/deletedcertificates/nothing-here/recover", null),
            new Call("purge", Permission.PURGE, "DELETE", "/deletedcertificates/nothing-here", null),
            new Call("list issuers", Permission.LIST_ISSUERS, "GET", "/certificates/issuers", null),
            new Call("set issuer", Permission.SET_ISSUERS, "PUT", "/certificates/issuers/iss2", "{\"provider\": \"ca\", \"ca\": {\"certificate_name\": \"nothing-here\"}}"),
            new Call("update issuer", Permission.SET_ISSUERS, "PATCH", "/certificates/issuers/nothing-here", "{}"),
            new Call("get issuer", Permission.GET_ISSUERS, "GET", "/certificates/issuers/nothing-here", null),
            new Call("delete issuer", Permission.DELETE_ISSUERS, "DELETE", "/certificates/issuers/nothing-here", null),
            new Call("get key", Permission.GET, "GET", "/keys/c", null),
            new Call("get secret", Permission.GET, "GET", "/secrets/c", null),
            new Call("get vault", Permission.LIST, "GET", "", null),
            new Call("list access policies", Permission.MANAGE_ACCESS, "GET", "/accessPolicies", null),
            new Call("grant access", Permission.MANAGE_ACCESS, "PUT", "/accessPolicies/user/someone-else", "{\"roles\": [\"Certificate User\"]}"),
            new Call("read the audit trail", Permission.MANAGE_ACCESS, "GET", "/audit", null),
            new Call("read the guardrails", Permission.LIST, "GET", "/guardrails", null),
            new Call("set the guardrails", Permission.MANAGE_ACCESS, "PUT", "/guardrails", "{\"min_rsa_key_size\": 2048}"),
            new Call("delete the guardrails", Permission.MANAGE_ACCESS, "DELETE", "/guardrails", null));

    private String vault;

    @BeforeEach
    void vaultWithACertificate() {
        if (vault != null) {
            return;
        }
        vault = TestVaults.create();
        given().contentType(ContentType.JSON).body(POLICY).post("/vaults/{v}/certificates/c/create", vault).then().statusCode(202);
        given().contentType(ContentType.JSON).body(POLICY).post("/vaults/{v}/certificates/gone/create", vault).then().statusCode(202);
        given().delete("/vaults/{v}/certificates/gone", vault).then().statusCode(200);
    }

    @ParameterizedTest(name = "a user with only ''{0}''")
    @EnumSource(value = Permission.class, mode = EnumSource.Mode.EXCLUDE, names = "MANAGE_ACCESS")
    void aSinglePermissionAllowsExactlyItsOperations(Permission permission) {
        String user = "only-" + permission.wireName();
        grant("user", user, "{\"permissions\": [\"" + permission.wireName() + "\"]}");
        Set<Permission> held = permission == Permission.MANAGE_ISSUERS
                ? EnumSet.of(Permission.MANAGE_ISSUERS, Permission.GET_ISSUERS, Permission.LIST_ISSUERS, Permission.SET_ISSUERS, Permission.DELETE_ISSUERS)
                : EnumSet.of(permission);
        assertAllowedExactly(TestTokens.token(user, List.of()), held);
        List<String> names = given().header("Authorization", "Bearer " + TestTokens.token(user, List.of()))
                .get("/vaults").then().statusCode(200).extract().path("value.name");
        assertThat(names).as("a user with a permission in the vault sees it").contains(vault);
    }

    @ParameterizedTest(name = "role {0}")
    @EnumSource(BuiltInRole.class)
    void eachBuiltInRoleAllowsExactlyItsPermissions(BuiltInRole role) {
        String group = "group-" + role.name().toLowerCase();
        grant("group", group, "{\"roles\": [\"" + role.displayName() + "\"]}");
        assertAllowedExactly(TestTokens.token("member-of-" + group, List.of(group)), role.permissions());
        List<String> names = given().header("Authorization", "Bearer " + TestTokens.token("member-of-" + group, List.of("other", group)))
                .get("/vaults").then().statusCode(200).extract().path("value.name");
        assertThat(names).as("a member of a group with a role in the vault sees it").contains(vault);
    }

    @Test
    void aPrincipalWithoutAnyPolicyIsRefusedEverythingAndDoesNotSeeTheVault() {
        assertAllowedExactly(TestTokens.token("stranger", List.of("unrelated")), Set.of());
        List<String> names = given().header("Authorization", "Bearer " + TestTokens.token("stranger", List.of()))
                .get("/vaults").then().statusCode(200).extract().path("value.name");
        assertThat(names).doesNotContain(vault);
    }

    @Test
    void everyApiOperationHasAnAccessRule() {
        List<String> without = new ArrayList<>();
        for (Class<?> resource : List.of(io.renewd.api.CertificatesResource.class, io.renewd.api.ContactsResource.class,
                io.renewd.api.DeletedCertificatesResource.class, io.renewd.api.IssuersResource.class, io.renewd.api.KeysResource.class,
                io.renewd.api.SecretsResource.class, io.renewd.api.VaultResource.class, io.renewd.api.AccessPoliciesResource.class,
                io.renewd.api.AuditResource.class, io.renewd.api.AdminResource.class, io.renewd.api.GuardrailsResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                boolean endpoint = Map.of(jakarta.ws.rs.GET.class, 1, jakarta.ws.rs.PUT.class, 1, jakarta.ws.rs.POST.class, 1,
                        jakarta.ws.rs.DELETE.class, 1, jakarta.ws.rs.PATCH.class, 1).keySet().stream().anyMatch(method::isAnnotationPresent);
                if (endpoint && OperationRules.of(resource, method.getName()).isEmpty()) {
                    without.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(without).as("endpoints without an access rule").isEmpty();
        assertThat(OperationRules.of(io.renewd.api.AdminResource.class, "rewrap")).containsInstanceOf(OperationRule.GlobalAdministrator.class);
    }

    private void assertAllowedExactly(String token, Set<Permission> held) {
        List<String> wrong = new ArrayList<>();
        for (Call call : CALLS) {
            Response response = call(token, call);
            boolean refused = response.statusCode() == 403;
            boolean shouldBeRefused = !held.contains(call.needs());
            if (refused != shouldBeRefused) {
                wrong.add(call.name() + " (needs " + call.needs().wireName() + "): " + response.statusCode() + " " + response.asString());
            } else if (refused && !response.asString().contains("'" + call.needs().wireName() + "'")) {
                wrong.add(call.name() + ": the refusal does not name '" + call.needs().wireName() + "': " + response.asString());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private Response call(String token, Call call) {
        var request = given().header("Authorization", "Bearer " + token);
        if (call.body() != null) {
            request = request.contentType(ContentType.JSON).body(call.body());
        }
        return request.request(call.method(), "/vaults/" + vault + call.path());
    }

    private void grant(String kind, String principal, String body) {
        given().contentType(ContentType.JSON).body(body).put("/vaults/{v}/accessPolicies/{k}/{p}", vault, kind, principal).then().statusCode(200);
    }
}
