package io.renewd.domain.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where the CA's renewal information (ARI) moves AutoRenew: to the point renewd picked in the
 * suggested window, when that is earlier than the policy's own trigger, never later. The moved
 * action keeps kind AutoRenew and carries the trigger {@value #TRIGGER}, so its NearExpiry event
 * says why it fired then.
 */
public final class RenewalInfoDueTimes {

    public static final String TRIGGER = "ari";

    private RenewalInfoDueTimes() {
    }

    /**
     * {@code due}: a version's actions as {@link DueTimes} computes them from the policy; {@code renewAt}: the point
     * picked in the CA's window, if any. Without an AutoRenew action in the policy nothing moves.
     */
    public static List<DueAction> apply(List<DueAction> due, Optional<Instant> renewAt) {
        Optional<DueAction> autoRenew = due.stream().filter(a -> a.kind() == DueKind.AUTO_RENEW).min(Comparator.comparing(DueAction::dueAt));
        if (renewAt.isEmpty() || autoRenew.isEmpty() || !renewAt.get().isBefore(autoRenew.get().dueAt())) {
            return due;
        }
        List<DueAction> moved = new ArrayList<>(due);
        moved.set(moved.indexOf(autoRenew.get()), new DueAction(DueKind.AUTO_RENEW, TRIGGER, renewAt.get()));
        moved.sort(Comparator.comparing(DueAction::dueAt).thenComparing(DueAction::kind));
        return List.copyOf(moved);
    }
}
