package io.renewd.domain.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Key Vault's built-in certificate roles, as sets of permissions. */
public enum BuiltInRole {
    /** Reads certificates. */
    CERTIFICATE_USER("Certificate User", EnumSet.of(Permission.GET, Permission.LIST)),
    /** Everything with certificates but purging. */
    CERTIFICATE_OFFICER("Certificate Officer", EnumSet.complementOf(EnumSet.of(Permission.PURGE, Permission.MANAGE_ACCESS))),
    /** Recovers and purges deleted certificates. */
    PURGE_RECOVERER("Purge Recoverer", EnumSet.of(Permission.RECOVER, Permission.PURGE)),
    /** Everything, and the vault's access policies. */
    ADMINISTRATOR("Administrator", EnumSet.allOf(Permission.class));

    private final String displayName;
    private final Set<Permission> permissions;

    BuiltInRole(String displayName, Set<Permission> permissions) {
        this.displayName = displayName;
        this.permissions = Set.copyOf(permissions);
    }

    public String displayName() {
        return displayName;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> fromDisplayName(String name) {
        return Arrays.stream(values()).filter(r -> r.displayName.equalsIgnoreCase(name)).findFirst();
    }
}
