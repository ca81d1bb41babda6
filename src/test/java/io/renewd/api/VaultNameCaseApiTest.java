package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Vault names are DNS labels, so case-insensitive, as Key Vault's: {@code /vaults/TEAM-A} and {@code TEAM-A.vault.…} are
 * vault {@code team-a}, never a second vault; ids spell a vault one way (lowercase); an access policy of the vault holds
 * for every spelling.
 */
@QuarkusTest
@TestProfile(VaultNameCaseApiTest.VaultHostNames.class)
class VaultNameCaseApiTest {

    /** %test with every vault at its own host name as well. */
    public static class VaultHostNames implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.api.vault-host", "{vault}." + TestTls.VAULT_DOMAIN);
        }
    }

    private String vault;

    @BeforeEach
    void createVault() {
        vault = TestVaults.create();
    }

    @Test
    void anotherSpellingOfAVaultIsTheSameVault() {
        String upper = vault.toUpperCase(Locale.ROOT);

        given().contentType(ContentType.JSON).put("/vaults/{v}", upper).then().statusCode(200).body("name", is(vault))
                .body("id", endsWith("/vaults/" + vault));
        given().get("/vaults/{v}", upper).then().statusCode(200).body("name", is(vault));
        given().get("/vaults").then().statusCode(200).body("value.findAll { it.name.equalsIgnoreCase('" + vault + "') }", hasSize(1));

        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY).post("/vaults/{v}/certificates/web/create", mixed(vault))
                .then().statusCode(202).body("id", endsWith("/vaults/" + vault + "/certificates/web/pending"));
        given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200).body("id", containsString("/vaults/" + vault + "/certificates/web/"));
        given().get("/vaults/{v}/certificates", upper).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void aVaultCreatedInCapitalsIsNamedInLowerCase() {
        String name = TestVaults.newName();

        given().contentType(ContentType.JSON).put("/vaults/{v}", mixed(name)).then().statusCode(201).body("name", is(name))
                .body("id", endsWith("/vaults/" + name));
        given().contentType(ContentType.JSON).put("/vaults/{v}", name).then().statusCode(200);
    }

    @Test
    void theVaultsHostNameInAnyCaseReachesTheVaultAndIdsSpellItInLowerCase() {
        given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY).post("/vaults/{v}/certificates/web/create", vault).then().statusCode(202);

        for (String label : List.of(vault.toUpperCase(Locale.ROOT), mixed(vault))) {
            given().header("Host", label + "." + TestTls.VAULT_DOMAIN).get("/certificates/web").then().statusCode(200)
                    .body("id", startsWith("http://" + vault + "." + TestTls.VAULT_DOMAIN));
        }
    }

    @Test
    void anAccessPolicyOfTheVaultHoldsForEverySpellingAndNoSpellingReachesAnotherVault() {
        String other = TestVaults.create();
        for (String v : List.of(vault, other)) {
            given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY).post("/vaults/{v}/certificates/web/create", v).then().statusCode(202);
        }
        given().contentType(ContentType.JSON).body("{\"permissions\": [\"get\"]}")
                .put("/vaults/{v}/accessPolicies/user/reader", vault).then().statusCode(200);
        String reader = "Bearer " + TestTokens.token("reader", List.of());

        for (String spelling : List.of(vault.toUpperCase(Locale.ROOT), mixed(vault))) {
            given().header("Authorization", reader).get("/vaults/{v}/certificates/web", spelling).then().statusCode(200);
            given().header("Authorization", reader).delete("/vaults/{v}/certificates/web", spelling).then().statusCode(403)
                    .body("error.message", is("principal 'reader' does not have certificate permission 'delete' on vault '" + vault + "'"));
            given().header("Authorization", reader).contentType(ContentType.JSON).put("/vaults/{v}", spelling).then().statusCode(403);
            given().header("Authorization", reader).get("/vaults/{v}/certificates/web", other.toUpperCase(Locale.ROOT))
                    .then().statusCode(403);
        }
        given().get("/vaults/{v}/certificates/web", vault).then().statusCode(200);
        given().get("/vaults").then().statusCode(200).body("value.findAll { it.name.equalsIgnoreCase('" + vault + "') }", hasSize(1));
    }

    /** The name with its first letter and every other character after it in capitals ("VaBc…"). */
    private static String mixed(String name) {
        var out = new StringBuilder().append(Character.toUpperCase(name.charAt(0)));
        for (int i = 1; i < name.length(); i++) {
            out.append(i % 2 == 0 ? Character.toUpperCase(name.charAt(i)) : name.charAt(i));
        }
        return out.toString();
    }

}
