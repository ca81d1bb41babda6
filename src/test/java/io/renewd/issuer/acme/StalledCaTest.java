package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.application.renewal.RequestRenewal;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ACME CA that never answers, worked by the renewer of this process: it gets no more attempts at once than its
 * issuer's {@code limits.max_concurrent}, however much of its work is due, and another vault's renewals go on meanwhile.
 * Stalled CAs of several vaults together get no more than {@code renewd.acme.max-concurrent}.
 */
@QuarkusTest
@TestProfile(StalledCaProfile.class)
class StalledCaTest {

    @Inject
    RequestRenewal requestRenewal;

    private HostileAcmeServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @BeforeEach
    void start() {
        server = new HostileAcmeServer().on("/dir", exchange -> {
            mostAtOnce.accumulateAndGet(stalled.incrementAndGet(), Math::max);
            try {
                released.await(3, TimeUnit.MINUTES);
            } finally {
                stalled.decrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.close();
    }

    @Test
    void aStalledCaHoldsNoMoreWorkersThanItsLimitAndAnotherVaultsRenewalsGoOn() {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON)
                .body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + server.url("/dir") + "\"}, \"limits\": {\"max_concurrent\": 2}}")
                .put("/vaults/{v}/certificates/issuers/stalled", vault).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body("""
                            {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                             "x509_props": {"subject": "CN=s%1$d.renewd.test", "sans": {"dns_names": ["s%1$d.renewd.test"]}},
                             "issuer": {"name": "stalled"}}}""".formatted(i))
                    .post("/vaults/{v}/certificates/s{i}/create", vault, i).then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.get() == 2);

        String other = TestVaults.create();
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=web.example.com", "validity": "PT24H"}}}""")
                .post("/vaults/{v}/certificates/web/create", other).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/web", other).then().statusCode(200).extract().path("id");
        assertThat(requestRenewal.execute(other, "web", id.substring(id.lastIndexOf('/') + 1))).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/vaults/{v}/certificates/web/versions", other).then().statusCode(200)
                .extract().<java.util.List<?>>path("value").size() == 2);

        // Three more of the stalled issuer's operations were due all along, and workers were free: none was started.
        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(server.requests()).filteredOn("GET /dir"::equals).hasSize(2);
    }

    @Test
    void stalledCasOfTwoVaultsTogetherHoldNoMoreThanTheAcmeCapAndASelfRenewalGoesOn() {
        // Each issuer may have 4 attempts at once (renewd.renewer.issuer-max-concurrent): 8, every worker, without the cap.
        for (String team : new String[]{"a", "b"}) {
            String vault = TestVaults.create();
            given().contentType(ContentType.JSON)
                    .body("{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"" + server.url("/dir") + "\"}}")
                    .put("/vaults/{v}/certificates/issuers/stalled-{t}", vault, team).then().statusCode(200);
            for (int i = 0; i < 5; i++) {
                given().contentType(ContentType.JSON).body("""
                                {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                                 "x509_props": {"subject": "CN=%1$s%2$d.renewd.test", "sans": {"dns_names": ["%1$s%2$d.renewd.test"]}},
                                 "issuer": {"name": "stalled-%1$s"}}}""".formatted(team, i))
                        .post("/vaults/{v}/certificates/{t}{i}/create", vault, team, i).then().statusCode(202);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.get() == 6);

        String other = TestVaults.create();
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"}, "x509_props": {"subject": "CN=web.example.com", "validity": "PT24H"}}}""")
                .post("/vaults/{v}/certificates/web/create", other).then().statusCode(202);
        String id = given().get("/vaults/{v}/certificates/web", other).then().statusCode(200).extract().path("id");
        assertThat(requestRenewal.execute(other, "web", id.substring(id.lastIndexOf('/') + 1))).isEqualTo(RequestRenewal.Outcome.REQUESTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/vaults/{v}/certificates/web/versions", other).then().statusCode(200)
                .extract().<java.util.List<?>>path("value").size() == 2);

        // renewd.acme.max-concurrent (6) across both vaults' CAs: four more were due and each issuer had room, none was started.
        assertThat(mostAtOnce.get()).isEqualTo(6);
        assertThat(server.requests()).filteredOn("GET /dir"::equals).hasSize(6);
    }
}
