package io.renewd.health;

import io.renewd.events.EventConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of this process's event consumers: one the broker refuses (wrong credentials, a
 * missing ACL on its group or topics) or one that stopped gets no events, and mails and
 * AutoRenew would silently stop; the process is then not ready, naming the group and the cause.
 */
@Readiness
@ApplicationScoped
public class KafkaConsumersReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka consumers";

    private final EventConsumers consumers;

    KafkaConsumersReadinessCheck(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME);
        boolean up = true;
        for (var consumer : consumers.problems().entrySet()) {
            response.withData(consumer.getKey(), consumer.getValue().orElse("reading"));
            up &= consumer.getValue().isEmpty();
        }
        return response.status(up).build();
    }
}
