package io.renewd.health;

import io.renewd.config.HealthConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.config.Role;
import io.renewd.events.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the Kafka broker: renewd cannot publish its events without it. Asks the
 * cluster to describe itself within a bounded time, so the probe answers even when the
 * broker is unreachable.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka broker";

    private final KafkaClientSettings clientSettings;
    private final HealthConfig healthConfig;
    private final ProcessRoles roles;
    private Admin admin;

    KafkaBrokerReadinessCheck(KafkaClientSettings clientSettings, HealthConfig healthConfig, ProcessRoles roles) {
        this.clientSettings = clientSettings;
        this.healthConfig = healthConfig;
        this.roles = roles;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME)
                .withData("bootstrap.servers", clientSettings.bootstrapServers());
        // An API-only process writes events to the outbox, never to Kafka: a broker outage must not take it out of service.
        if (!roles.runs(Role.RELAY) && !roles.runs(Role.NOTIFIER) && !roles.runs(Role.RENEWER)) {
            return response.withData("skipped", "no role of this process talks to Kafka").up().build();
        }
        long timeoutMs = healthConfig.kafkaTimeout().toMillis();
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
            int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            return response.withData("nodes", nodes).up().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.withData("error", "interrupted").down().build();
        } catch (ExecutionException e) {
            return response.withData("error", String.valueOf(e.getCause().getMessage())).down().build();
        } catch (Exception e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            // The same settings (and credentials) as the relay and the consumers: the check proves what they can do.
            admin = Admin.create(clientSettings.admin("renewd-health"));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
