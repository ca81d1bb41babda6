package io.renewd.application.contacts;

import io.renewd.domain.Contact;
import io.renewd.store.VaultContactEntity;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Removes a vault's contacts; returns what was removed. */
@ApplicationScoped
public class DeleteContacts {

    private final ContactQueries contacts;

    DeleteContacts(ContactQueries contacts) {
        this.contacts = contacts;
    }

    @Transactional
    public List<Contact> execute(String vault) {
        List<Contact> removed = contacts.get(vault);
        VaultContactEntity.delete("key.vault", vault);
        VaultEntity entity = VaultEntity.findById(vault);
        entity.contactsSet = false;
        return removed;
    }
}
