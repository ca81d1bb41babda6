package io.renewd.application.cascade;

import io.renewd.config.ConsumersConfig;
import io.renewd.config.EventsConfig;
import io.renewd.config.Role;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.events.ConsumedEvents;
import io.renewd.events.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cascade's consumer: a {@code NewVersionCreated} event may be a CA rotation; {@link StartCaRotationCascade} decides from
 * the database. Runs with the renewer, in its own consumer group, so it sees every event the renewer's handlers see.
 */
@ApplicationScoped
public class HandleCaRotation implements EventHandler {

    static final String CONSUMER = "cascade";
    private static final Logger LOG = Logger.getLogger(HandleCaRotation.class);

    private final ConsumedEvents consumed;
    private final StartCaRotationCascade cascade;
    private final ConsumersConfig consumers;
    private final EventsConfig events;

    HandleCaRotation(ConsumedEvents consumed, StartCaRotationCascade cascade, ConsumersConfig consumers, EventsConfig events) {
        this.consumed = consumed;
        this.cascade = cascade;
        this.consumers = consumers;
        this.events = events;
    }

    @Override
    public String group() {
        return consumers.cascadeGroup();
    }

    @Override
    public List<String> topics() {
        return List.of(events.topics().renewed());
    }

    @Override
    public Role role() {
        return Role.RENEWER;
    }

    @Override
    @Transactional
    public void handle(UUID eventId, CertificateEvent event) {
        act(List.of(new Delivery(eventId, event)));
    }

    @Override
    @Transactional
    public void handleAll(List<Delivery> deliveries) {
        act(deliveries);
    }

    /**
     * A poll's new versions are checked against the cascading CAs of their vaults with one query; only those of a cascading CA
     * are remembered (one statement) and acted on, so the many that are no CA's cost no row. A CA's new version is
     * remembered, so an event delivered again starts its rotation once.
     */
    private void act(List<Delivery> deliveries) {
        List<Delivery> created = deliveries.stream().filter(d -> d.event() instanceof CertificateEvent.NewVersionCreated).toList();
        if (created.isEmpty()) {
            return;
        }
        Set<StartCaRotationCascade.CascadingCa> cas = cascade.cascadingCas(created.stream()
                .map(d -> ((CertificateEvent.NewVersionCreated) d.event()).vault()).collect(Collectors.toSet()));
        List<Delivery> rotations = created.stream().filter(d -> cas.contains(cascadingCa((CertificateEvent.NewVersionCreated) d.event()))).toList();
        if (rotations.isEmpty()) {
            return;
        }
        Set<UUID> first = consumed.firstTimes(CONSUMER, rotations.stream().map(Delivery::id).toList());
        for (Delivery delivery : rotations) {
            // The same id twice in one poll is acted on once.
            if (first.remove(delivery.id())) {
                start((CertificateEvent.NewVersionCreated) delivery.event());
            }
        }
    }

    private static StartCaRotationCascade.CascadingCa cascadingCa(CertificateEvent.NewVersionCreated created) {
        return StartCaRotationCascade.CascadingCa.of(created.vault(), created.name());
    }

    private void start(CertificateEvent.NewVersionCreated created) {
        cascade.execute(created.vault(), created.name(), created.version()).ifPresentOrElse(
                bulk -> LOG.infof("CA rotation of %s/%s to version %s: bulk re-issue %s (%d certificate(s))", created.vault(),
                        created.name(), created.version(), bulk.id(), bulk.counts().selected()),
                () -> LOG.debugf("new version %s of %s/%s is no CA rotation to cascade", created.version(), created.vault(), created.name()));
    }
}
