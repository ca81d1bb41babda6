package io.renewd.events;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.renewd.testing.SaslKafka;
import io.renewd.testing.SaslKafkaResource;

import java.util.List;
import java.util.Map;

/** renewd against a broker that requires SASL/SCRAM, configured only through {@code kafka.*} as an operator would. */
public class SaslBroker implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kafka.bootstrap.servers", "${test.sasl-kafka.bootstrap-servers}",
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", SaslKafka.MECHANISM,
                "kafka.sasl.jaas.config", jaasConfig());
    }

    String jaasConfig() {
        return "${test.sasl-kafka.jaas-config}";
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SaslKafkaResource.class));
    }

    /** The same broker, with a wrong password. */
    public static class WrongPassword extends SaslBroker {
        @Override
        String jaasConfig() {
            return "${test.sasl-kafka.wrong-jaas-config}";
        }
    }
}
