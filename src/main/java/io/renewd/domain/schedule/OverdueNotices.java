package io.renewd.domain.schedule;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Of several near-expiry notices of one version due at once, only the latest is worth sending. */
public final class OverdueNotices {

    public record Selection(List<DueAction> fire, List<DueAction> skip) {
    }

    private OverdueNotices() {
    }

    /** {@code dueNow}: actions of one version, all due at this sweep. */
    public static Selection select(List<DueAction> dueNow) {
        Optional<DueAction> latestNotice = dueNow.stream().filter(a -> a.kind() == DueKind.NOTICE)
                .max(Comparator.comparing(DueAction::dueAt));
        List<DueAction> fire = dueNow.stream().filter(a -> a.kind() != DueKind.NOTICE || Optional.of(a).equals(latestNotice)).toList();
        List<DueAction> skip = dueNow.stream().filter(a -> !fire.contains(a)).toList();
        return new Selection(fire, skip);
    }
}
