package io.renewd.health;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.RealServices;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ReadinessTest {

    private static final String KAFKA_STATUS = "checks.find { it.name == 'Kafka broker' }.status";
    private static final String DATABASE_STATUS = "checks.find { it.name == 'Database connections health check' }.status";

    @Test
    void readyWithDatabaseAndBrokerUpAndNotReadyNamingKafkaWhileTheBrokerIsDown() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body(KAFKA_STATUS, is("UP"))
                .body(DATABASE_STATUS, is("UP"));

        RealServices.get().stopKafkaBroker();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("status", is("DOWN"))
                    .body(KAFKA_STATUS, is("DOWN"))
                    .body(DATABASE_STATUS, is("UP")));
        } finally {
            RealServices.get().startKafkaBroker();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body(KAFKA_STATUS, is("UP")));
    }

    @Test
    void liveWhileRunning() {
        given().get("/q/health/live").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", not(hasItem("Kafka broker")));
    }
}
