package io.renewd.security;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestTokens;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** A vault name is not a vault: what a deleted vault left, and whether a name is taken, stay hidden from others. */
@QuarkusTest
class VaultIdentityTest {

    @Test
    void aLaterVaultOfTheSameNameDoesNotSeeTheAuditTrailOfTheDeletedOne() {
        String name = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"roles\": [\"Certificate Officer\"]}")
                .put("/vaults/{v}/accessPolicies/user/earlier-officer", name).then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.token("earlier-officer", List.of()))
                .get("/vaults/{v}/certificates", name).then().statusCode(200);
        given().delete("/vaults/{v}", name).then().statusCode(200);
        // Refused calls on the name while no vault has it are no part of the next vault's trail either.
        given().header("Authorization", "Bearer " + TestTokens.token("stranger", List.of()))
                .get("/vaults/{v}/certificates", name).then().statusCode(403);

        given().contentType(ContentType.JSON).put("/vaults/{v}", name).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"roles\": [\"Certificate User\"]}")
                .put("/vaults/{v}/accessPolicies/user/later-user", name).then().statusCode(200);

        List<Map<String, Object>> entries = given().get("/vaults/{v}/audit?from={f}&to={t}", name, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().statusCode(200).extract().path("value");
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("operation", "setAccessPolicy").containsEntry("object", "user/later-user"));
        assertThat(entries).noneSatisfy(e -> assertThat(e.get("principal")).isIn("earlier-officer", "stranger"))
                .noneSatisfy(e -> assertThat(e).containsEntry("object", "user/earlier-officer"))
                .noneSatisfy(e -> assertThat(e).containsEntry("operation", "deleteVault"));
    }

    @Test
    void aCallerWithoutRightsCannotTellWhetherAVaultExistsByPuttingIt() {
        String existing = TestVaults.create();
        String missing = TestVaults.newName();
        String stranger = "Bearer " + TestTokens.token("stranger", List.of());

        for (String body : new String[]{"{}", "{\"softDeleteRetentionInDays\": 30}", "{\"softDeleteRetentionInDays\": 3}"}) {
            ExtractableResponse<Response> onExisting = given().header("Authorization", stranger).contentType(ContentType.JSON).body(body)
                    .put("/vaults/{v}", existing).then().extract();
            ExtractableResponse<Response> onMissing = given().header("Authorization", stranger).contentType(ContentType.JSON).body(body)
                    .put("/vaults/{v}", missing).then().extract();

            assertThat(onExisting.statusCode()).as(body).isEqualTo(403).isEqualTo(onMissing.statusCode());
            assertThat(onExisting.body().asString().replace(existing, "<vault>")).as(body)
                    .isEqualTo(onMissing.body().asString().replace(missing, "<vault>"));
            assertThat(onExisting.headers().asList().stream().map(h -> h.getName().toLowerCase()).sorted().toList())
                    .isEqualTo(onMissing.headers().asList().stream().map(h -> h.getName().toLowerCase()).sorted().toList());
        }
        given().get("/vaults/{v}", missing).then().statusCode(404);
        given().get("/vaults/{v}", existing).then().statusCode(200).body("softDeleteRetentionInDays", is(90));
    }
}
