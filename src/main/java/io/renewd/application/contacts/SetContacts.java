package io.renewd.application.contacts;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Contact;
import io.renewd.domain.ContactRules;
import io.renewd.store.VaultContactEntity;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Replaces a vault's contact list. */
@ApplicationScoped
public class SetContacts {

    private final VaultQueries vaults;

    SetContacts(VaultQueries vaults) {
        this.vaults = vaults;
    }

    @Transactional
    public List<Contact> execute(String vault, List<Contact> contacts) {
        vaults.get(vault);
        ContactRules.check(contacts).ifPresent(v -> {
            throw Failure.badParameter(v.message());
        });
        VaultContactEntity.delete("key.vault", vault);
        // The deletes must reach the database before rows with the same keys are inserted.
        VaultContactEntity.flush();
        for (int i = 0; i < contacts.size(); i++) {
            var row = new VaultContactEntity();
            row.key = new VaultContactEntity.Key(vault, i);
            row.email = contacts.get(i).email();
            row.name = contacts.get(i).name();
            row.phone = contacts.get(i).phone();
            row.persist();
        }
        VaultEntity entity = VaultEntity.findById(vault);
        entity.contactsSet = true;
        return List.copyOf(contacts);
    }
}
