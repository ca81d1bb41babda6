package io.renewd.application.vault;

import io.renewd.application.Failure;
import io.renewd.domain.Vault;
import io.renewd.store.CertificateEntity;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Deletes an empty vault with its contacts and issuers; refuses while it holds certificates. */
@ApplicationScoped
public class DeleteVault {

    private final VaultQueries vaults;
    private final VaultNameCase nameCase;

    DeleteVault(VaultQueries vaults, VaultNameCase nameCase) {
        this.vaults = vaults;
        this.nameCase = nameCase;
    }

    @Transactional
    public Vault execute(String name) {
        Vault vault = vaults.get(name);
        long certificates = CertificateEntity.count("vault", name);
        if (certificates > 0) {
            throw Failure.conflict("VaultNotEmpty", "vault '" + name + "' still holds " + certificates
                    + " certificate(s), counting soft-deleted ones: delete and purge them first");
        }
        VaultEntity.deleteById(name);
        nameCase.forget(name);
        return vault;
    }
}
