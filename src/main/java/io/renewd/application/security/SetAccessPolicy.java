package io.renewd.application.security;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.security.AccessPolicy;
import io.renewd.domain.security.BuiltInRole;
import io.renewd.domain.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Grants a user or a group permissions and roles in a vault (replacing what it had). */
@ApplicationScoped
public class SetAccessPolicy {

    /** Names as the API spells them: permissions in Key Vault's lower case, roles by display name. */
    public record Command(String vault, String kind, String principal, List<String> permissions, List<String> roles) {
    }

    private final AccessPolicies policies;
    private final VaultQueries vaults;

    SetAccessPolicy(AccessPolicies policies, VaultQueries vaults) {
        this.policies = policies;
        this.vaults = vaults;
    }

    @Transactional
    public AccessPolicy execute(Command command) {
        vaults.get(command.vault());
        AccessPolicy.PrincipalKind kind = kind(command.kind());
        if (command.principal() == null || command.principal().isBlank() || command.principal().length() > 256) {
            throw Failure.badParameter("the principal must be 1 to 256 characters");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : command.permissions() == null ? List.<String>of() : command.permissions()) {
            permissions.add(Permission.fromWireName(name).orElseThrow(() -> Failure.badParameter("permissions: '" + name
                    + "' is not a certificate permission (get, list, update, create, import, delete, recover, backup, restore,"
                    + " managecontacts, manageissuers, getissuers, listissuers, setissuers, deleteissuers, purge)")));
        }
        if (permissions.contains(Permission.MANAGE_ACCESS)) {
            throw Failure.badParameter("permissions: 'manageaccess' comes with the Administrator role only");
        }
        Set<BuiltInRole> roles = EnumSet.noneOf(BuiltInRole.class);
        for (String name : command.roles() == null ? List.<String>of() : command.roles()) {
            roles.add(BuiltInRole.fromDisplayName(name).orElseThrow(() -> Failure.badParameter("roles: '" + name
                    + "' is not a built-in role (Certificate User, Certificate Officer, Purge Recoverer, Administrator)")));
        }
        if (permissions.isEmpty() && roles.isEmpty()) {
            throw Failure.badParameter("an access policy needs at least one permission or role; delete it to take access away");
        }
        AccessPolicy policy = new AccessPolicy(kind, command.principal(), permissions, roles);
        policies.put(command.vault(), policy);
        return policy;
    }

    /** The principal kind of a path segment: {@code user} or {@code group}, else 400. */
    public static AccessPolicy.PrincipalKind kind(String kind) {
        return switch (String.valueOf(kind)) {
            case "user" -> AccessPolicy.PrincipalKind.USER;
            case "group" -> AccessPolicy.PrincipalKind.GROUP;
            default -> throw Failure.badParameter("principal kind '" + kind + "' is not 'user' or 'group'");
        };
    }
}
