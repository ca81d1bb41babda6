package io.renewd.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Publishes the address and credentials of {@link SaslKafka} as {@code test.sasl-kafka.*}; a test
 * profile points renewd's {@code kafka.*} settings at them (profile settings win over the
 * global {@link RealServicesResource}'s broker).
 */
public class SaslKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SaslKafka kafka = SaslKafka.get();
        return Map.of(
                "test.sasl-kafka.bootstrap-servers", kafka.bootstrapServers(),
                "test.sasl-kafka.jaas-config", SaslKafka.jaasConfig(SaslKafka.PASSWORD),
                "test.sasl-kafka.wrong-jaas-config", SaslKafka.jaasConfig("not-" + SaslKafka.PASSWORD));
    }

    @Override
    public void stop() {
        // The broker belongs to the test JVM (RealServices stops it).
    }
}
