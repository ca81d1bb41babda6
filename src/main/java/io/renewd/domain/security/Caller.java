package io.renewd.domain.security;

import java.util.Set;

/** Who calls: the token's subject and its groups; or renewd itself for automatic actions. */
public record Caller(String subject, Set<String> groups) {

    public Caller {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** renewd's own work (the sweep, the renewer, the notifier), as the audit trail names it. */
    public static Caller system(String part) {
        return new Caller("renewd/" + part, Set.of());
    }
}
