package io.renewd.application.contacts;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Contact;
import io.renewd.store.VaultContactEntity;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads a vault's contacts. */
@ApplicationScoped
public class ContactQueries {

    private final VaultQueries vaults;

    ContactQueries(VaultQueries vaults) {
        this.vaults = vaults;
    }

    /** The contacts set for the vault; 404 when none were ever set (as Key Vault). */
    public List<Contact> get(String vault) {
        vaults.get(vault);
        VaultEntity entity = VaultEntity.findById(vault);
        if (!entity.contactsSet) {
            throw Failure.notFound("ContactsNotFound", "vault '" + vault + "' has no certificate contacts");
        }
        return list(vault);
    }

    /** The contacts to notify: empty when none are set. */
    public List<Contact> list(String vault) {
        return VaultContactEntity.ofVault(vault).stream().map(c -> new Contact(c.email, c.name, c.phone)).toList();
    }
}
