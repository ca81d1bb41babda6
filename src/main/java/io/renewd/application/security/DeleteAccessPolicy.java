package io.renewd.application.security;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Takes a user's or group's access to a vault away. */
@ApplicationScoped
public class DeleteAccessPolicy {

    private final AccessPolicies policies;
    private final VaultQueries vaults;

    DeleteAccessPolicy(AccessPolicies policies, VaultQueries vaults) {
        this.policies = policies;
        this.vaults = vaults;
    }

    @Transactional
    public void execute(String vault, String kind, String principal) {
        vaults.get(vault);
        if (!policies.delete(vault, SetAccessPolicy.kind(kind), principal)) {
            throw Failure.notFound("AccessPolicyNotFound", "vault '" + vault + "' has no access policy for " + kind + " '" + principal + "'");
        }
    }
}
