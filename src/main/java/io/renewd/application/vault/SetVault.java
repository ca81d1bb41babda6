package io.renewd.application.vault;

import io.renewd.application.Failure;
import io.renewd.domain.Names;
import io.renewd.domain.Vault;
import io.renewd.store.VaultEntity;
import io.renewd.application.security.AccessPolicies;
import io.renewd.domain.security.AccessPolicy;
import io.renewd.domain.security.BuiltInRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** Creates a vault, or updates its soft-delete settings. */
@ApplicationScoped
public class SetVault {

    /** Absent members keep their value (or get the default on create); {@code caller} becomes the Administrator of a new vault. */
    public record Command(String name, Integer softDeleteRetentionDays, Boolean purgeProtection, String caller) {
    }

    public record Result(Vault vault, boolean created) {
    }

    private final AccessPolicies accessPolicies;
    private final VaultNameCase nameCase;
    private final Clock clock;

    SetVault(AccessPolicies accessPolicies, VaultNameCase nameCase, Clock clock) {
        this.accessPolicies = accessPolicies;
        this.nameCase = nameCase;
        this.clock = clock;
    }

    @Transactional
    public Result execute(Command command) {
        if (!Names.isValidVaultName(command.name())) {
            throw Failure.badParameter("vault name '" + command.name() + "' is not valid: " + Names.VAULT_RULE);
        }
        Integer retention = command.softDeleteRetentionDays();
        if (retention != null && (retention < Vault.MIN_RETENTION_DAYS || retention > Vault.MAX_RETENTION_DAYS)) {
            throw Failure.badParameter("softDeleteRetentionInDays " + retention + " is out of range: "
                    + Vault.MIN_RETENTION_DAYS + " to " + Vault.MAX_RETENTION_DAYS);
        }
        Instant now = clock.instant();
        // Another spelling of an existing vault is that vault; a new one is named in lowercase.
        String name = nameCase.canonical(command.name());
        VaultEntity vault = VaultEntity.findById(name);
        boolean created = vault == null;
        if (created) {
            vault = new VaultEntity();
            vault.name = name;
            vault.softDeleteRetentionDays = Vault.DEFAULT_RETENTION_DAYS;
            vault.createdAt = now;
        } else if (vault.purgeProtection && Boolean.FALSE.equals(command.purgeProtection())) {
            throw Failure.badParameter("enablePurgeProtection cannot be turned off once it is on (vault '" + vault.name + "')");
        }
        if (retention != null) {
            vault.softDeleteRetentionDays = retention;
        }
        if (command.purgeProtection() != null) {
            vault.purgeProtection = command.purgeProtection();
        }
        vault.updatedAt = now;
        vault.persist();
        if (created) {
            VaultEntity.flush();
            accessPolicies.put(vault.name, new AccessPolicy(AccessPolicy.PrincipalKind.USER, command.caller(), Set.of(),
                    Set.of(BuiltInRole.ADMINISTRATOR)));
        }
        return new Result(vault.toVault(), created);
    }
}
