package io.renewd.application.security;

import io.renewd.config.SecurityConfig;
import io.renewd.domain.security.Authorization;
import io.renewd.domain.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** Whether a caller may see that a vault exists: it has some permission in it, or administers every vault. */
@ApplicationScoped
public class VisibleVaults {

    private final AccessPolicies policies;
    private final SecurityConfig config;

    VisibleVaults(AccessPolicies policies, SecurityConfig config) {
        this.policies = policies;
        this.config = config;
    }

    public boolean visible(Caller caller, String vault) {
        return !Authorization.effective(caller, policies.of(vault), config.adminGroups()).isEmpty();
    }
}
