package io.renewd.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Every backup renewd gives out can be restored under the same limits: a certificate whose
 * backup would be larger than a restore accepts ({@code quarkus.http.limits.max-body-size}) is
 * refused with 409 BackupTooLarge naming the limit, instead of a blob that restore would answer
 * with 413. Small limits here, so a few versions reach them.
 */
@QuarkusTest
@TestProfile(BackupSizeLimitTest.SmallLimits.class)
class BackupSizeLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "24K", "renewd.api.max-body-size", "8K");
        }
    }

    @Test
    void aBackupThatRestoreWouldRefuseIsNotGivenOut() {
        String vault = TestVaults.create();
        String lastBackup = null;
        int versions = 0;
        Response backup;
        do {
            given().contentType(ContentType.JSON).body(CertificateLifecycleApiTest.SELF_POLICY)
                    .post("/vaults/{v}/certificates/many/create", vault).then().statusCode(202);
            versions++;
            backup = given().post("/vaults/{v}/certificates/many/backup", vault);
            if (backup.statusCode() == 200) {
                lastBackup = backup.jsonPath().getString("value");
            }
        } while (backup.statusCode() == 200 && versions < 30);

        assertThat(versions).as("versions until the backup outgrew 24 KiB").isBetween(2, 29);
        backup.then().statusCode(409).body("error.code", is("BackupTooLarge"))
                .body("error.message", containsString("more than the 24 KiB a restore accepts"));

        // The largest backup given out restores; it is over the API's 8 KiB, under the 24 KiB of a restore.
        assertThat(lastBackup.length()).isGreaterThan(8 * 1024);
        given().contentType(ContentType.JSON).body("{\"value\": \"" + lastBackup + "\"}")
                .post("/vaults/{v}/certificates/restore", TestVaults.create()).then().statusCode(200);
        // Other requests stop at 8 KiB.
        given().contentType(ContentType.JSON).body("{\"value\": \"" + lastBackup + "\"}")
                .post("/vaults/{v}/certificates/many/import", vault).then().statusCode(413)
                .body("error.message", containsString("at most 8 KiB"));
    }
}
