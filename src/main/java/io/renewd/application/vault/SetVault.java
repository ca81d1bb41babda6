package io.renewd.application.vault;

import io.renewd.application.Failure;
import io.renewd.domain.Names;
import io.renewd.domain.Vault;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Creates a vault, or updates its soft-delete settings. */
@ApplicationScoped
public class SetVault {

    /** Absent members keep their value (or get the default on create). */
    public record Command(String name, Integer softDeleteRetentionDays, Boolean purgeProtection) {
    }

    public record Result(Vault vault, boolean created) {
    }

    private final Clock clock;

    SetVault(Clock clock) {
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
        VaultEntity vault = VaultEntity.findById(command.name());
        boolean created = vault == null;
        if (created) {
            vault = new VaultEntity();
            vault.name = command.name();
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
        return new Result(vault.toVault(), created);
    }
}
