package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.config.ConsumersConfig;
import io.renewd.config.ProcessRoles;
import io.renewd.runtime.ShutdownOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts one consumer per {@link EventHandler} bean whose role this process runs (the renewer
 * reads near-expiry events, the notifier every topic). On shutdown each finishes the event in
 * hand and commits.
 */
@ApplicationScoped
public class EventConsumers {

    private final List<EventConsumerLoop> running = new CopyOnWriteArrayList<>();
    private final ProcessRoles roles;
    private final ConsumersConfig config;
    private final KafkaClientSettings clientSettings;
    private final Instance<EventHandler> handlers;
    private final EventReader reader;
    private final MeterRegistry registry;

    EventConsumers(ProcessRoles roles, ConsumersConfig config, ObjectMapper mapper, KafkaClientSettings clientSettings,
                   @Any Instance<EventHandler> handlers, MeterRegistry registry) {
        this.roles = roles;
        this.config = config;
        this.clientSettings = clientSettings;
        this.handlers = handlers;
        this.reader = new EventReader(mapper);
        this.registry = registry;
    }

    void start(@Observes StartupEvent started) {
        for (EventHandler handler : handlers) {
            if (roles.runs(handler.role())) {
                var loop = new EventConsumerLoop(clientSettings, handler, config.retryDelay(), reader, registry);
                loop.start();
                running.add(loop);
            }
        }
    }

    /** On SIGTERM, first of all: each consumer finishes the event in hand, commits and leaves its group. */
    void stop(@Observes @Priority(ShutdownOrder.CONSUMERS) ShutdownEvent shutdown) {
        running.forEach(EventConsumerLoop::stop);
        running.clear();
    }

    /** The consumers of this process by group, each with why it gets no events (empty while it reads). */
    public Map<String, Optional<String>> problems() {
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        running.forEach(loop -> problems.put(loop.group(), loop.problem()));
        return problems;
    }
}
