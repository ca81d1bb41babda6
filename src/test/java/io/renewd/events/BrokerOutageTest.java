package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.RealServices;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class BrokerOutageTest {

    private static final int CERTIFICATES = 5;

    @Inject
    OutboxRelay relay;

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveOnceItIsBackExactlyOnceByIdAndInOrderPerCertificate() throws Exception {
        String vault = TestVaults.create();
        Map<String, List<String>> versionsByCertificate = new LinkedHashMap<>();

        RealServices.get().stopKafkaBroker();
        try {
            for (int i = 0; i < CERTIFICATES; i++) {
                String name = "outage-" + i;
                for (int v = 0; v < 2; v++) {
                    given().contentType(ContentType.JSON)
                            .body(v == 0 ? "{\"policy\": {\"x509_props\": {\"subject\": \"CN=" + name + "\"}}}" : "{}")
                            .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
                    String id = given().get("/vaults/{v}/certificates/{n}", vault, name).then().extract().path("id");
                    versionsByCertificate.computeIfAbsent(vault + "/" + name, k -> new ArrayList<>()).add(id.substring(id.lastIndexOf('/') + 1));
                }
            }
            assertThat(relay.backlog().rows()).as("events wait in the outbox").isGreaterThanOrEqualTo(2L * CERTIFICATES);
        } finally {
            RealServices.get().startKafkaBroker();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> relay.backlog().rows() == 0);
        List<ConsumerRecord<String, String>> records = TopicReader.read("renewd.certificate.renewed",
                r -> r.key() != null && r.key().startsWith(vault + "/"), 2 * CERTIFICATES, Duration.ofSeconds(30));

        Map<String, String> versionById = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> arrivalOrder = new LinkedHashMap<>();
        for (var record : records) {
            String version = new ObjectMapper().readTree(record.value()).get("Version").asText();
            versionById.put(TopicReader.header(record, "ce_id"), version);
            arrivalOrder.computeIfAbsent(record.key(), k -> new LinkedHashSet<>()).add(version);
        }
        assertThat(versionById).as("distinct events by id").hasSize(2 * CERTIFICATES);
        versionsByCertificate.forEach((key, versions) ->
                assertThat(List.copyOf(arrivalOrder.get(key))).as("order of %s", key).containsExactlyElementsOf(versions));
    }
}
