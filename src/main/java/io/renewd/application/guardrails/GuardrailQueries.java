package io.renewd.application.guardrails;

import io.renewd.application.vault.VaultQueries;
import io.renewd.config.GuardrailsConfig;
import io.renewd.domain.guardrails.Guardrails;
import io.renewd.domain.guardrails.GuardrailsDraft;
import io.renewd.domain.guardrails.GuardrailRules;
import io.renewd.store.VaultGuardrailsEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Reads a vault's guardrails. */
@ApplicationScoped
public class GuardrailQueries {

    private final VaultQueries vaults;
    private final GuardrailsConfig config;

    GuardrailQueries(VaultQueries vaults, GuardrailsConfig config) {
        this.vaults = vaults;
        this.config = config;
    }

    /** The vault's guardrails (404 for a vault that does not exist; empty guardrails when it set none). */
    public GuardrailsView get(String vault) {
        vaults.get(vault);
        VaultGuardrailsEntity entity = VaultGuardrailsEntity.findById(vault);
        if (entity == null) {
            return new GuardrailsView(vault, Guardrails.NONE, serverAuthMaxValidity(), null, null);
        }
        return new GuardrailsView(vault, read(entity), serverAuthMaxValidity(), entity.createdAt, entity.updatedAt);
    }

    /** The rules that apply to the vault's certificates now. */
    public Guardrails of(String vault) {
        VaultGuardrailsEntity entity = VaultGuardrailsEntity.findById(vault);
        return entity == null ? Guardrails.NONE : read(entity);
    }

    /** The deployment's maximum validity of serverAuth certificates in vaults without a max_validity; null when the operator set none. */
    public Duration serverAuthMaxValidity() {
        return config.serverAuthMaxValidity().orElse(null);
    }

    /** Stored rows were validated when written; reading them through the rules again keeps one definition. */
    static Guardrails read(VaultGuardrailsEntity entity) {
        var draft = new GuardrailsDraft(entity.minRsaKeySize, entity.allowedCurves,
                entity.maxValiditySeconds == null ? null : Duration.ofSeconds(entity.maxValiditySeconds).toString(),
                entity.allowedIssuers, entity.allowedDnsNames, entity.allowCa, entity.allowedEkus, entity.allowedSanTypes);
        return switch (GuardrailRules.validate(draft)) {
            case GuardrailRules.Result.Valid valid -> valid.guardrails();
            case GuardrailRules.Result.Invalid invalid ->
                    throw new IllegalStateException("stored guardrails of vault '" + entity.vault + "' are invalid: " + invalid.message());
        };
    }
}
