package io.renewd.application.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.events.AuditTrail;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Audit entries stay queryable for renewd.audit.retention (400 days), then the cleanup deletes them. */
@QuarkusTest
class AuditRetentionTest {

    @Inject
    AuditTrail trail;

    @Inject
    PurgeAuditTrail purge;

    @Test
    void entriesPastTheRetentionAreDeletedAndYoungerOnesKept() {
        String vault = TestVaults.create();
        Instant now = TestClock.now();
        trail.record(entry(vault, "old", now.minus(Duration.ofDays(401))));
        trail.record(entry(vault, "almost-old", now.minus(Duration.ofDays(399))));
        assertThat(objects(vault)).contains("old", "almost-old");

        while (purge.deleteBatch() > 0) {
            // delete everything past the retention
        }

        assertThat(objects(vault)).contains("almost-old").doesNotContain("old");
    }

    private static AuditRecord entry(String vault, String object, Instant at) {
        return new AuditRecord(at, "renewd/test", vault, object, "getCertificate", AuditRecord.SUCCEEDED, 200, null, null);
    }

    private static List<String> objects(String vault) {
        return given().get("/vaults/{v}/audit?from={f}&to={t}&maxresults=1000", vault, "2000-01-01T00:00:00Z",
                TestClock.now().plus(Duration.ofMinutes(1)).toString()).then().statusCode(200).extract().path("value.object");
    }
}
