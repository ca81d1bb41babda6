package io.renewd.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings every Kafka client of renewd starts from: all of {@code kafka.*} (and
 * {@code KAFKA_*} environment variables), which Quarkus collects as the map
 * {@code default-kafka-broker}, the same map the {@code events} channel's producer uses. So
 * a broker that requires SASL or TLS gets the same credentials from the relay, the consumers
 * and the readiness check; none can be left talking plain text.
 */
@ApplicationScoped
public class KafkaClientSettings {

    /** Quarkus's TLS registry hook: its SSL engine factory reads this key, which no Kafka client defines. */
    private static final String TLS_CONFIGURATION_NAME = "tls-configuration-name";

    private final Map<String, Object> kafka;

    KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** Settings of a consumer in {@code group}; the caller adds what is its own (offsets, polling). */
    public Map<String, Object> consumer(String group, String clientId) {
        Map<String, Object> config = only(ConsumerConfig.configNames());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** Settings of an admin client. */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> config = only(AdminClientConfig.configNames());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    public String bootstrapServers() {
        return String.valueOf(kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The keys this kind of client knows: the shared map also holds producer-only and consumer-only settings, which others would log as unknown. */
    private Map<String, Object> only(Set<String> known) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key) || key.equals(TLS_CONFIGURATION_NAME)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
