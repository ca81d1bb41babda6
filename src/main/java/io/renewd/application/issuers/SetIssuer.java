package io.renewd.application.issuers;

import io.renewd.application.Failure;
import io.renewd.application.certificates.CertificateAuthorityCheck;
import io.renewd.domain.IssuerDraft;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.IssuerRules;
import io.renewd.issuer.acme.AcmeAddresses;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Creates or replaces (PUT) or changes the sent members of (PATCH) a vault's named issuer. */
@ApplicationScoped
public class SetIssuer {

    private final IssuerStore store;
    private final CertificateAuthorityCheck caCheck;
    private final AcmeAddresses acmeAddresses;
    private final Clock clock;

    SetIssuer(IssuerStore store, CertificateAuthorityCheck caCheck, AcmeAddresses acmeAddresses, Clock clock) {
        this.store = store;
        this.caCheck = caCheck;
        this.acmeAddresses = acmeAddresses;
        this.clock = clock;
    }

    @Transactional
    public IssuerView put(String vault, String name, IssuerDraft draft) {
        var existing = store.find(vault, name);
        return save(vault, name, existing.orElse(null), draft);
    }

    @Transactional
    public IssuerView patch(String vault, String name, IssuerDraft patch) {
        CertificateIssuerEntity existing = store.require(vault, name);
        return save(vault, name, existing, patch.over(store.draftOf(existing)));
    }

    private IssuerView save(String vault, String name, CertificateIssuerEntity existing, IssuerDraft draft) {
        IssuerProvider provider = switch (IssuerRules.check(name, draft)) {
            case IssuerRules.Result.Valid valid -> valid.provider();
            case IssuerRules.Result.Invalid invalid -> throw Failure.badParameter(invalid.violation().message());
        };
        if (provider instanceof IssuerProvider.InternalCa ca) {
            caCheck.requireSigner(vault, ca.certificateName());
        }
        if (provider instanceof IssuerProvider.Acme acme) {
            acmeAddresses.refusal(acme.directoryUrl()).ifPresent(why -> {
                throw Failure.badParameter("acme.directory_url '" + acme.directoryUrl() + "' cannot be used: " + why);
            });
        }
        Instant now = clock.instant();
        CertificateIssuerEntity row = existing;
        if (row == null) {
            row = new CertificateIssuerEntity();
            row.key = new CertificateIssuerEntity.Key(vault, name);
            row.createdAt = now;
        }
        store.write(row, provider, draft.credentials());
        row.orgDetails = draft.orgDetailsJson();
        row.enabled = draft.enabled() == null || draft.enabled();
        row.updatedAt = now;
        row.persist();
        return store.view(row);
    }
}
