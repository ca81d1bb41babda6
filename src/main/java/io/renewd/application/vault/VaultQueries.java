package io.renewd.application.vault;

import io.renewd.application.Failure;
import io.renewd.domain.Vault;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads vaults. */
@ApplicationScoped
public class VaultQueries {

    public Vault get(String name) {
        VaultEntity vault = VaultEntity.findById(name);
        if (vault == null) {
            throw Failure.notFound("VaultNotFound", "vault '" + name + "' does not exist");
        }
        return vault.toVault();
    }

    public boolean exists(String name) {
        return VaultEntity.findById(name) != null;
    }

    public List<Vault> list() {
        return VaultEntity.<VaultEntity>listAll(io.quarkus.panache.common.Sort.by("name")).stream().map(VaultEntity::toVault).toList();
    }
}
