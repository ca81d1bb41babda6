package io.renewd.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.renewd.runtime.ShutdownOrder;
import io.renewd.application.renewal.HandleAutoRenew;
import io.renewd.config.ConsumersConfig;
import io.renewd.config.EventsConfig;
import io.renewd.config.Role;
import io.renewd.config.ProcessRoles;
import io.renewd.notify.HandleNotification;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Starts the consumers of this process's roles: the renewer reads near-expiry events, the
 * notifier reads every topic. On shutdown each finishes the event in hand and commits.
 */
@ApplicationScoped
public class EventConsumers {

    private final List<EventConsumerLoop> running = new CopyOnWriteArrayList<>();
    private final ProcessRoles roles;
    private final ConsumersConfig config;
    private final EventsConfig events;
    private final ObjectMapper mapper;
    private final KafkaClientSettings clientSettings;
    private final HandleAutoRenew autoRenew;
    private final HandleNotification notification;

    EventConsumers(ProcessRoles roles, ConsumersConfig config, EventsConfig events, ObjectMapper mapper,
                   KafkaClientSettings clientSettings, HandleAutoRenew autoRenew,
                   HandleNotification notification) {
        this.roles = roles;
        this.config = config;
        this.events = events;
        this.mapper = mapper;
        this.clientSettings = clientSettings;
        this.autoRenew = autoRenew;
        this.notification = notification;
    }

    void start(@Observes StartupEvent started) {
        var topics = events.topics();
        if (roles.runs(Role.RENEWER)) {
            start(config.renewerGroup(), List.of(topics.nearExpiry()), autoRenew::handle);
        }
        if (roles.runs(Role.NOTIFIER)) {
            start(config.notifierGroup(), List.of(topics.nearExpiry(), topics.renewed(), topics.failed(), topics.expired()), notification::handle);
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

    private void start(String group, List<String> topics, Consumer<ReceivedEvent> handler) {
        var loop = new EventConsumerLoop(clientSettings, group, topics, handler, config.retryDelay(), mapper);
        loop.start();
        running.add(loop);
    }
}
