package io.renewd.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.TestVaults;
import io.renewd.testing.TopicReader;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class NewVersionEventTest {

    @Test
    void aCreatedVersionIsAnnouncedAsABinaryModeCloudEventKeyedByCertificate() throws Exception {
        String vault = TestVaults.create();
        given().contentType(ContentType.JSON)
                .body("{\"policy\": {\"x509_props\": {\"subject\": \"CN=evented.example.com\"}}}")
                .post("/vaults/{v}/certificates/evented/create", vault).then().statusCode(202);
        var certificate = given().get("/vaults/{v}/certificates/evented", vault).then().extract();
        String id = certificate.path("id");

        var records = TopicReader.read("renewd.certificate.renewed", r -> (vault + "/evented").equals(r.key()), 1, Duration.ofSeconds(30));

        assertThat(records).hasSize(1);
        var record = records.getFirst();
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("io.renewd.certificate.NewVersionCreated");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/vaults/" + vault);
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo("evented");
        assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
        assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
        JsonNode data = new ObjectMapper().readTree(record.value());
        assertThat(data.get("VaultName").asText()).isEqualTo(vault);
        assertThat(data.get("ObjectType").asText()).isEqualTo("Certificate");
        assertThat(data.get("ObjectName").asText()).isEqualTo("evented");
        assertThat(data.get("Version").asText()).isEqualTo(id.substring(id.lastIndexOf('/') + 1));
        assertThat(data.get("Id").asText()).endsWith("/vaults/" + vault + "/certificates/evented/" + data.get("Version").asText());
        assertThat(data.get("NBF").asLong()).isEqualTo(certificate.<Integer>path("attributes.nbf").longValue());
        assertThat(data.get("EXP").asLong()).isEqualTo(certificate.<Integer>path("attributes.exp").longValue());
        assertThat(data.get("cause").asText()).isEqualTo("created");
        assertThat(data.get("issuer").asText()).isEqualTo("Self");
        assertThat(data.get("x5t").asText()).isEqualTo(certificate.<String>path("x5t"));
    }
}
