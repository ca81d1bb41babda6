package io.renewd.application.renewal;

import io.renewd.config.ConsumersConfig;
import io.renewd.config.EventsConfig;
import io.renewd.config.Role;
import io.renewd.domain.ActionType;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.schedule.DueKind;
import io.renewd.events.ConsumedEvents;
import io.renewd.events.EventHandler;
import io.renewd.store.FiredActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The renewer's consumer: a {@code NearExpiry} event with action AutoRenew opens a renewal, once per event.
 * The event only points at a version: it is acted on when the database agrees, that is the
 * certificate's policy has an AutoRenew action and the sweep fired it for that version (anyone
 * able to write to the topic could otherwise have any certificate renewed); {@link RequestRenewal}
 * then checks the version is still the current one.
 */
@ApplicationScoped
public class HandleAutoRenew implements EventHandler {

    static final String CONSUMER = "renewer";
    private static final Logger LOG = Logger.getLogger(HandleAutoRenew.class);

    private final ConsumedEvents consumed;
    private final RequestRenewal requestRenewal;
    private final FiredActions firedActions;
    private final ConsumersConfig consumers;
    private final EventsConfig events;

    HandleAutoRenew(ConsumedEvents consumed, RequestRenewal requestRenewal, FiredActions firedActions,
                    ConsumersConfig consumers, EventsConfig events) {
        this.consumed = consumed;
        this.requestRenewal = requestRenewal;
        this.firedActions = firedActions;
        this.consumers = consumers;
        this.events = events;
    }

    @Override
    public String group() {
        return consumers.renewerGroup();
    }

    @Override
    public List<String> topics() {
        return List.of(events.topics().nearExpiry());
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

    /** A poll's events in one transaction: one statement remembers them, one query checks them against the sweep's firings. */
    @Override
    @Transactional
    public void handleAll(List<Delivery> deliveries) {
        act(deliveries);
    }

    private void act(List<Delivery> deliveries) {
        List<Delivery> autoRenews = deliveries.stream()
                .filter(d -> d.event() instanceof CertificateEvent.NearExpiry due && ActionType.AUTO_RENEW.wireName().equals(due.action()))
                .toList();
        if (autoRenews.isEmpty()) {
            return;
        }
        Set<UUID> first = consumed.firstTimes(CONSUMER, autoRenews.stream().map(Delivery::id).toList());
        List<Delivery> fresh = new ArrayList<>();
        for (Delivery delivery : autoRenews) {
            // The same id twice in one poll is acted on once.
            if (first.remove(delivery.id())) {
                fresh.add(delivery);
            }
        }
        Set<FiredActions.VersionRef> fired = firedActions.firedOf(fresh.stream().map(d -> ref((CertificateEvent.NearExpiry) d.event())).toList(),
                DueKind.AUTO_RENEW);
        List<Delivery> acted = fresh.stream().filter(d -> fired.contains(ref((CertificateEvent.NearExpiry) d.event()))).toList();
        List<RequestRenewal.Outcome> outcomes = requestRenewal.executeAll(acted.stream()
                .map(d -> (CertificateEvent.NearExpiry) d.event())
                .map(due -> new RequestRenewal.Due(due.vault(), due.name(), due.version()))
                .toList());
        for (Delivery delivery : fresh) {
            var due = (CertificateEvent.NearExpiry) delivery.event();
            int at = acted.indexOf(delivery);
            var outcome = at < 0 ? Optional.<RequestRenewal.Outcome>empty() : Optional.of(outcomes.get(at));
            if (outcome.isEmpty() || outcome.get() == RequestRenewal.Outcome.NO_AUTO_RENEW) {
                LOG.warnf("AutoRenew event %s for %s/%s version %s ignored: the database has no fired AutoRenew action of that version"
                        + " in the certificate's policy (an event not written by renewd's sweep?)", delivery.id(), due.vault(), due.name(), due.version());
            } else {
                LOG.debugf("AutoRenew %s for %s/%s version %s: %s", delivery.id(), due.vault(), due.name(), due.version(), outcome.get());
            }
        }
    }

    private static FiredActions.VersionRef ref(CertificateEvent.NearExpiry due) {
        return new FiredActions.VersionRef(due.vault(), due.name(), due.version());
    }
}
