package io.renewd.application.issuers;

import io.renewd.application.vault.VaultQueries;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads a vault's named issuers. */
@ApplicationScoped
public class IssuerQueries {

    private final IssuerStore store;
    private final VaultQueries vaults;

    IssuerQueries(IssuerStore store, VaultQueries vaults) {
        this.store = store;
        this.vaults = vaults;
    }

    @Transactional
    public IssuerView get(String vault, String name) {
        return store.view(store.require(vault, name));
    }

    @Transactional
    public List<IssuerView> list(String vault) {
        vaults.get(vault);
        return CertificateIssuerEntity.<CertificateIssuerEntity>list("key.vault = ?1 order by key.name", vault).stream().map(store::view).toList();
    }
}
