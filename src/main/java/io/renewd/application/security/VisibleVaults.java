package io.renewd.application.security;

import io.renewd.config.SecurityConfig;
import io.renewd.domain.security.Authorization;
import io.renewd.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.function.Predicate;

/** Which vaults a caller may see exist: those it has some permission in, or all when it administers every vault. */
@ApplicationScoped
public class VisibleVaults {

    private final AccessPolicies policies;
    private final SecurityConfig config;

    VisibleVaults(AccessPolicies policies, SecurityConfig config) {
        this.policies = policies;
        this.config = config;
    }

    /** A test over vault names, read with one query whatever the number of vaults. */
    public Predicate<String> to(Caller caller) {
        if (Authorization.isAdministrator(caller, config.adminGroups())) {
            return vault -> true;
        }
        Set<String> named = policies.vaultsNaming(caller);
        return named::contains;
    }
}
