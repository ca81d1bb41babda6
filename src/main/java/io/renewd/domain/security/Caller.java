package io.renewd.domain.security;

import java.util.Set;

/** Who calls: the token's subject and its groups. */
public record Caller(String subject, Set<String> groups) {

    public Caller {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
