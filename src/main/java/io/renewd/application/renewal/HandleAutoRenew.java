package io.renewd.application.renewal;

import io.renewd.events.ConsumedEvents;
import io.renewd.store.FiredActions;
import io.renewd.domain.ActionType;
import io.renewd.domain.schedule.DueKind;
import io.renewd.events.EventTypes;
import io.renewd.events.ReceivedEvent;
import io.renewd.store.CertificateEntity;
import io.renewd.store.PolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The renewer's consumer: a {@code NearExpiry} event with action AutoRenew opens a renewal, once per event.
 * The event only points at a version: it is acted on when the database agrees, that is the
 * certificate's policy has an AutoRenew action and the sweep fired it for that version (anyone
 * able to write to the topic could otherwise have any certificate renewed); {@link RequestRenewal}
 * then checks the version is still the current one.
 */
@ApplicationScoped
public class HandleAutoRenew {

    static final String CONSUMER = "renewer";
    private static final Logger LOG = Logger.getLogger(HandleAutoRenew.class);

    private final ConsumedEvents consumed;
    private final RequestRenewal requestRenewal;
    private final FiredActions firedActions;
    private final PolicyJson policyJson;

    HandleAutoRenew(ConsumedEvents consumed, RequestRenewal requestRenewal, FiredActions firedActions, PolicyJson policyJson) {
        this.consumed = consumed;
        this.requestRenewal = requestRenewal;
        this.firedActions = firedActions;
        this.policyJson = policyJson;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!EventTypes.NEAR_EXPIRY.equals(event.type()) || !ActionType.AUTO_RENEW.wireName().equals(event.text("action"))) {
            return;
        }
        if (!consumed.firstTime(CONSUMER, event.id())) {
            return;
        }
        String vault = event.text("VaultName");
        String name = event.text("ObjectName");
        String version = event.text("Version");
        if (!hasAutoRenew(vault, name) || firedActions.find(vault, name, version, DueKind.AUTO_RENEW, null).isEmpty()) {
            LOG.warnf("AutoRenew event %s for %s/%s version %s ignored: the database has no fired AutoRenew action of that version"
                    + " in the certificate's policy (an event not written by renewd's sweep?)", event.id(), vault, name, version);
            return;
        }
        var outcome = requestRenewal.execute(vault, name, version);
        LOG.debugf("AutoRenew %s for %s/%s version %s: %s", event.id(), vault, name, version, outcome);
    }

    private boolean hasAutoRenew(String vault, String name) {
        return CertificateEntity.findByName(vault, name).filter(c -> !c.isDeleted())
                .map(c -> policyJson.read(c.policy).lifetimeActions().stream().anyMatch(a -> a.type() == ActionType.AUTO_RENEW))
                .orElse(false);
    }
}
