package io.renewd.application.renewal;

import io.renewd.config.ConsumersConfig;
import io.renewd.config.EventsConfig;
import io.renewd.config.Role;
import io.renewd.domain.ActionType;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.domain.schedule.DueKind;
import io.renewd.events.ConsumedEvents;
import io.renewd.events.EventHandler;
import io.renewd.store.CertificateEntity;
import io.renewd.store.FiredActions;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
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
    private final PolicyJson policyJson;
    private final ConsumersConfig consumers;
    private final EventsConfig events;

    HandleAutoRenew(ConsumedEvents consumed, RequestRenewal requestRenewal, FiredActions firedActions, PolicyJson policyJson,
                    ConsumersConfig consumers, EventsConfig events) {
        this.consumed = consumed;
        this.requestRenewal = requestRenewal;
        this.firedActions = firedActions;
        this.policyJson = policyJson;
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
        if (!(event instanceof CertificateEvent.NearExpiry due) || !ActionType.AUTO_RENEW.wireName().equals(due.action())) {
            return;
        }
        if (!consumed.firstTime(CONSUMER, eventId)) {
            return;
        }
        if (!hasAutoRenew(due.vault(), due.name()) || firedActions.find(due.vault(), due.name(), due.version(), DueKind.AUTO_RENEW, null).isEmpty()) {
            LOG.warnf("AutoRenew event %s for %s/%s version %s ignored: the database has no fired AutoRenew action of that version"
                    + " in the certificate's policy (an event not written by renewd's sweep?)", eventId, due.vault(), due.name(), due.version());
            return;
        }
        var outcome = requestRenewal.execute(due.vault(), due.name(), due.version());
        LOG.debugf("AutoRenew %s for %s/%s version %s: %s", eventId, due.vault(), due.name(), due.version(), outcome);
    }

    private boolean hasAutoRenew(String vault, String name) {
        return CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted())
                .map(c -> policyJson.read(c.policy).lifetimeActions().stream().anyMatch(a -> a.type() == ActionType.AUTO_RENEW))
                .orElse(false);
    }
}
