package io.renewd.application.vault;

import io.quarkus.runtime.StartupEvent;
import io.renewd.store.VaultEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Vault names are DNS labels, so case-insensitive (as Key Vault's): each vault has one spelling, lowercase, whatever
 * spelling a request uses. A vault created in another case before renewd folded names keeps its spelling, because its
 * name is bound into its sealed keys; those are read once at start (no new one can appear since) and forgotten when
 * deleted here (once the deletion commits).
 */
@ApplicationScoped
public class VaultNameCase {

    /** Lowercase name → the spelling of a vault created before names were folded. */
    private final Map<String, String> earlier = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;

    VaultNameCase(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @Transactional
    void load(@Observes StartupEvent started) {
        earlier.putAll(VaultEntity.<VaultEntity>list("name <> lower(name)").stream()
                .collect(Collectors.toMap(v -> v.name.toLowerCase(Locale.ROOT), v -> v.name, (a, b) -> a)));
    }

    /** The vault's one spelling, for a name in any case. */
    public String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return earlier.getOrDefault(lower, lower);
    }

    /** In the transaction that deletes vault {@code name}: its spelling goes when that commits. */
    void forget(String name) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    earlier.remove(name.toLowerCase(Locale.ROOT), name);
                }
            }
        });
    }
}
