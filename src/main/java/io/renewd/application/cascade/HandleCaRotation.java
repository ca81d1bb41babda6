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
import java.util.UUID;

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
        if (!(event instanceof CertificateEvent.NewVersionCreated created) || !consumed.firstTime(CONSUMER, eventId)) {
            return;
        }
        cascade.execute(created.vault(), created.name(), created.version()).ifPresentOrElse(
                bulk -> LOG.infof("CA rotation of %s/%s to version %s: bulk re-issue %s (%d certificate(s))", created.vault(),
                        created.name(), created.version(), bulk.id(), bulk.counts().selected()),
                () -> LOG.debugf("new version %s of %s/%s is no CA rotation to cascade", created.version(), created.vault(), created.name()));
    }
}
