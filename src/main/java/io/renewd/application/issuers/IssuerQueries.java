package io.renewd.application.issuers;

import io.renewd.application.certificates.Page;
import io.renewd.application.vault.VaultQueries;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

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

    /** The vault's issuers by name, {@code size} at a time after the name {@code after}. */
    @Transactional
    public Page<IssuerView> list(String vault, int size, String after) {
        vaults.get(vault);
        List<IssuerView> rows = CertificateIssuerEntity.<CertificateIssuerEntity>find("key.vault = ?1 and key.name > ?2 order by key.name",
                vault, after == null ? "" : after).page(0, size + 1).list().stream().map(store::view).toList();
        // One row beyond the page was read: when it exists, the page continues after its last name.
        return rows.size() > size ? new Page<>(rows.subList(0, size), Optional.of(rows.get(size - 1).name())) : new Page<>(rows, Optional.empty());
    }
}
