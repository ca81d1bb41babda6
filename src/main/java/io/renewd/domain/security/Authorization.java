package io.renewd.domain.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Decides whether a caller may do something in a vault, from the vault's access policies. */
public final class Authorization {

    private Authorization() {
    }

    /** Whether the caller is in one of the groups that administer every vault. */
    public static boolean isAdministrator(Caller caller, Set<String> adminGroups) {
        return caller.groups().stream().anyMatch(adminGroups::contains);
    }

    /** Everything the caller may do in a vault with these policies (global administrators may do everything). */
    public static Set<Permission> effective(Caller caller, Collection<AccessPolicy> policies, Set<String> adminGroups) {
        if (isAdministrator(caller, adminGroups)) {
            return EnumSet.allOf(Permission.class);
        }
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        policies.stream().filter(p -> p.appliesTo(caller)).forEach(p -> granted.addAll(p.granted()));
        // As in Key Vault, manageissuers covers every issuer operation.
        if (granted.contains(Permission.MANAGE_ISSUERS)) {
            granted.addAll(EnumSet.of(Permission.GET_ISSUERS, Permission.LIST_ISSUERS, Permission.SET_ISSUERS, Permission.DELETE_ISSUERS));
        }
        return granted;
    }
}
