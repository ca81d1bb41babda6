package io.renewd.application.vault;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Locale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

/** A vault an older renewd created in capitals keeps its spelling (bound into its sealed keys) and is reached in any case. */
@QuarkusTest
class VaultNameCaseTest {

    @Inject
    DataSource dataSource;

    @Inject
    VaultNameCase nameCase;

    @Test
    void aVaultNamedInCapitalsBeforeKeepsItsSpellingAndAnswersToEveryOther() throws SQLException {
        String legacy = "Old" + TestVaults.newName();
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "insert into vault (name, created_at, updated_at) values (?, now(), now())")) {
            insert.setString(1, legacy);
            insert.executeUpdate();
        }
        nameCase.load(null);

        for (String spelling : new String[]{legacy, legacy.toLowerCase(Locale.ROOT), legacy.toUpperCase(Locale.ROOT)}) {
            given().get("/vaults/{v}", spelling).then().statusCode(200).body("name", is(legacy)).body("id", endsWith("/vaults/" + legacy));
        }
        given().contentType(ContentType.JSON).put("/vaults/{v}", legacy.toLowerCase(Locale.ROOT)).then().statusCode(200).body("name", is(legacy));

        given().delete("/vaults/{v}", legacy.toUpperCase(Locale.ROOT)).then().statusCode(200);
        given().contentType(ContentType.JSON).put("/vaults/{v}", legacy).then().statusCode(201).body("name", is(legacy.toLowerCase(Locale.ROOT)));
    }
}
