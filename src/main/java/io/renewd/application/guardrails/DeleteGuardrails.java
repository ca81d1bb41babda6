package io.renewd.application.guardrails;

import io.renewd.store.VaultGuardrailsEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Removes a vault's guardrails: afterwards only the deployment's serverAuth default applies, if the operator set one.
 * Returns what was removed (empty guardrails when there were none: deleting twice is no error).
 */
@ApplicationScoped
public class DeleteGuardrails {

    private final GuardrailQueries queries;

    DeleteGuardrails(GuardrailQueries queries) {
        this.queries = queries;
    }

    @Transactional
    public GuardrailsView execute(String vault) {
        GuardrailsView removed = queries.get(vault);
        VaultGuardrailsEntity.deleteById(vault);
        return removed;
    }
}
