package io.renewd.application.inventory;

import io.renewd.application.security.CallerRights;
import io.renewd.application.security.VisibleVaults;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Vault;
import io.renewd.domain.security.Caller;
import io.renewd.domain.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The vaults a person sees in the web inventory: those where they may list certificates (the permission the API's list
 * asks for), each with everything they may do there, decided by the vault's access policies as for an API call.
 */
@ApplicationScoped
public class PersonVaults {

    private final VaultQueries vaults;
    private final VisibleVaults visible;
    private final CallerRights rights;

    PersonVaults(VaultQueries vaults, VisibleVaults visible, CallerRights rights) {
        this.vaults = vaults;
        this.visible = visible;
        this.rights = rights;
    }

    /** Vault name to the person's permissions in it, by name; only vaults they may list. */
    public Map<String, Set<Permission>> of(Caller caller) {
        Predicate<String> candidates = visible.to(caller);
        Map<String, Set<Permission>> readable = new TreeMap<>();
        for (Vault vault : vaults.list()) {
            if (candidates.test(vault.name())) {
                Set<Permission> granted = rights.in(vault.name(), caller);
                if (granted.contains(Permission.LIST)) {
                    readable.put(vault.name(), granted);
                }
            }
        }
        return readable;
    }

    /** The person's permissions in one vault (none when the vault does not exist). */
    public Set<Permission> in(String vault, Caller caller) {
        return rights.in(vault, caller);
    }
}
