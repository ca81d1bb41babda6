package io.renewd.application.security;

import io.renewd.config.SecurityConfig;
import io.renewd.domain.security.Authorization;
import io.renewd.domain.security.Caller;
import io.renewd.domain.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * What a principal may do in a vault now, for the rules that depend on more than the operation's
 * own permission (who may let a CA issuer sign CAs, who may set a policy that a CA signs), and for
 * the renewer, which judges again the principal that set a policy.
 */
@ApplicationScoped
public class CallerRights {

    private final AccessPolicies accessPolicies;
    private final SecurityConfig config;

    CallerRights(AccessPolicies accessPolicies, SecurityConfig config) {
        this.accessPolicies = accessPolicies;
        this.config = config;
    }

    public Set<Permission> in(String vault, Caller caller) {
        return Authorization.effective(caller, accessPolicies.of(vault), config.adminGroups());
    }

    /** A vault Administrator: the Administrator role (or manageaccess) in the vault, or renewd's admin groups. */
    public boolean administers(String vault, Caller caller) {
        return in(vault, caller).contains(Permission.MANAGE_ACCESS);
    }
}
