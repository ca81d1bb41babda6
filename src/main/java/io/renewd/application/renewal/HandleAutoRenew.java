package io.renewd.application.renewal;

import io.renewd.application.consumed.ConsumedEvents;
import io.renewd.domain.ActionType;
import io.renewd.events.EventTypes;
import io.renewd.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** The renewer's consumer: a {@code NearExpiry} event with action AutoRenew opens a renewal, once per event. */
@ApplicationScoped
public class HandleAutoRenew {

    static final String CONSUMER = "renewer";
    private static final Logger LOG = Logger.getLogger(HandleAutoRenew.class);

    private final ConsumedEvents consumed;
    private final RequestRenewal requestRenewal;

    HandleAutoRenew(ConsumedEvents consumed, RequestRenewal requestRenewal) {
        this.consumed = consumed;
        this.requestRenewal = requestRenewal;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!EventTypes.NEAR_EXPIRY.equals(event.type()) || !ActionType.AUTO_RENEW.wireName().equals(event.text("action"))) {
            return;
        }
        if (!consumed.firstTime(CONSUMER, event.id())) {
            return;
        }
        var outcome = requestRenewal.execute(event.text("VaultName"), event.text("ObjectName"), event.text("Version"));
        LOG.debugf("AutoRenew %s for %s/%s version %s: %s", event.id(), event.text("VaultName"), event.text("ObjectName"),
                event.text("Version"), outcome);
    }
}
