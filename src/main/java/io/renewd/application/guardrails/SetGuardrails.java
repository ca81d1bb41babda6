package io.renewd.application.guardrails;

import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.guardrails.Guardrails;
import io.renewd.domain.guardrails.GuardrailsDraft;
import io.renewd.domain.guardrails.GuardrailRules;
import io.renewd.store.VaultGuardrailsEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Replaces a vault's guardrails (a member left out sets no rule). They apply from now on: to
 * policies set, certificates created, imported or merged, and to every renewal attempt; existing
 * versions stay as they are.
 */
@ApplicationScoped
public class SetGuardrails {

    private final VaultQueries vaults;
    private final GuardrailQueries queries;
    private final Clock clock;

    SetGuardrails(VaultQueries vaults, GuardrailQueries queries, Clock clock) {
        this.vaults = vaults;
        this.queries = queries;
        this.clock = clock;
    }

    @Transactional
    public GuardrailsView execute(String vault, GuardrailsDraft draft) {
        vaults.get(vault);
        Guardrails guardrails = switch (GuardrailRules.validate(draft)) {
            case GuardrailRules.Result.Valid valid -> valid.guardrails();
            case GuardrailRules.Result.Invalid invalid -> throw Failure.badParameter(invalid.message());
        };
        Instant now = clock.instant();
        VaultGuardrailsEntity entity = VaultGuardrailsEntity.findById(vault);
        if (entity == null) {
            entity = new VaultGuardrailsEntity();
            entity.vault = vault;
            entity.createdAt = now;
        }
        GuardrailsDraft stored = GuardrailsDraft.of(guardrails);
        entity.minRsaKeySize = guardrails.minRsaKeySize();
        entity.allowedCurves = stored.allowedCurves();
        entity.maxValiditySeconds = guardrails.maxValidity() == null ? null : guardrails.maxValidity().toSeconds();
        entity.allowedIssuers = stored.allowedIssuers();
        entity.allowedDnsNames = stored.allowedDnsNames();
        entity.allowCa = stored.allowCa();
        entity.allowedEkus = stored.allowedEkus();
        entity.allowedSanTypes = stored.allowedSanTypes();
        entity.updatedAt = now;
        entity.persist();
        return new GuardrailsView(vault, guardrails, queries.serverAuthMaxValidity(), entity.createdAt, entity.updatedAt);
    }
}
