package io.renewd.domain.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one principal (a user by the token's subject, or a group by the token's group claim)
 * may do in a vault: permissions given one by one, and built-in roles.
 */
public record AccessPolicy(PrincipalKind kind, String principal, Set<Permission> permissions, Set<BuiltInRole> roles) {

    public enum PrincipalKind { USER, GROUP }

    public AccessPolicy {
        Objects.requireNonNull(kind, "kind");
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("an access policy needs a principal");
        }
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Whether this policy is about the caller. */
    public boolean appliesTo(Caller caller) {
        return switch (kind) {
            case USER -> principal.equals(caller.subject());
            case GROUP -> caller.groups().contains(principal);
        };
    }

    /** Everything this policy grants. */
    public Set<Permission> granted() {
        Set<Permission> granted = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        roles.forEach(role -> granted.addAll(role.permissions()));
        return granted;
    }
}
