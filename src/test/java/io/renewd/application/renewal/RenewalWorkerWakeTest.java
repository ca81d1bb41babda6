package io.renewd.application.renewal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.issuer.acme.AcmePebble;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * A parked ACME order is checked again when its time comes, not at the renewer's next poll: with the defaults (orders
 * parked, checked after a second; the renewer polls every 10 s) every order would otherwise wait for a poll.
 */
@QuarkusTest
@TestProfile(RenewalWorkerWakeTest.ParkedOrdersAndAnHourlyPoll.class)
class RenewalWorkerWakeTest {

    public static class ParkedOrdersAndAnHourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.acme.order-wait", "0s", "renewd.renewer.poll-interval", "1h");
        }
    }

    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of());

    @AfterAll
    static void stopPebble() {
        PEBBLE.close();
    }

    @Test
    void aParkedOrderIsResumedWhenItsNextCheckComesWithoutWaitingForThePoll() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON).body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + PEBBLE.get().directoryUrl() + "\"}}")
                .put("/vaults/{v}/certificates/issuers/le", vault).then().statusCode(200);

        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=shop.renewd.test", "sans": {"dns_names": ["shop.renewd.test"]}},
                         "issuer": {"name": "le"}}}""")
                .post("/vaults/{v}/certificates/shop/create", vault).then().statusCode(202).body("status", is("inProgress"));

        // The poll is an hour away: only a wake at the order's next check (a second after it was placed, then as it ages)
        // completes it within the minute.
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(
                given().get("/vaults/{v}/certificates/shop/pending", vault).then().extract().path("status")));
    }
}
