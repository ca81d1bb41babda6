package io.renewd.events;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Wrong Kafka credentials take renewd out of service, naming the cause, rather than leaving it UP with nothing flowing. */
@QuarkusTest
@TestProfile(SaslBroker.WrongPassword.class)
class SaslWrongPasswordTest {

    @Test
    void withAWrongPasswordReadinessIsDownForTheBrokerAndForEachConsumer() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka broker' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka broker' }.data.error", containsString("Authentication failed"))
                .body("checks.find { it.name == 'Kafka consumers' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka consumers' }.data.'renewd-renewer'", containsString("Authentication failed"))
                .body("checks.find { it.name == 'Kafka consumers' }.data.'renewd-notifier'", containsString("Authentication failed")));
    }
}
