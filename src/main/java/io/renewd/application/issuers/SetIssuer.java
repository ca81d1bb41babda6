package io.renewd.application.issuers;

import io.renewd.application.Failure;
import io.renewd.application.certificates.CertificateAuthorityCheck;
import io.renewd.domain.IssuerDraft;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.IssuerRules;
import io.renewd.application.security.CallerRights;
import io.renewd.domain.security.Caller;
import io.renewd.issuer.acme.AcmeAddresses;
import io.renewd.issuer.acme.AcmeDirectories;
import io.renewd.issuer.acme.AcmeProfiles;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Creates or replaces (PUT) or changes the sent members of (PATCH) a vault's named issuer. */
@ApplicationScoped
public class SetIssuer {

    private final IssuerStore store;
    private final CertificateAuthorityCheck caCheck;
    private final CallerRights rights;
    private final AcmeAddresses acmeAddresses;
    private final AcmeProfiles acmeProfiles;
    private final AcmeDirectories acmeDirectories;
    private final Clock clock;

    SetIssuer(IssuerStore store, CertificateAuthorityCheck caCheck, CallerRights rights, AcmeAddresses acmeAddresses,
              AcmeProfiles acmeProfiles, AcmeDirectories acmeDirectories, Clock clock) {
        this.rights = rights;
        this.acmeDirectories = acmeDirectories;
        this.store = store;
        this.caCheck = caCheck;
        this.acmeAddresses = acmeAddresses;
        this.acmeProfiles = acmeProfiles;
        this.clock = clock;
    }

    @Transactional
    public IssuerView put(String vault, String name, IssuerDraft draft, Caller caller) {
        var existing = store.find(vault, name);
        return save(vault, name, existing.orElse(null), draft, caller);
    }

    @Transactional
    public IssuerView patch(String vault, String name, IssuerDraft patch, Caller caller) {
        CertificateIssuerEntity existing = store.require(vault, name);
        return save(vault, name, existing, patch.over(store.draftOf(existing)), caller);
    }

    private IssuerView save(String vault, String name, CertificateIssuerEntity existing, IssuerDraft draft, Caller caller) {
        IssuerProvider provider = switch (IssuerRules.check(name, draft, acmeDirectories::directory)) {
            case IssuerRules.Result.Valid valid -> valid.provider();
            case IssuerRules.Result.Invalid invalid -> throw Failure.badParameter(invalid.violation().message());
        };
        if (provider instanceof IssuerProvider.InternalCa ca) {
            if (ca.signsCas()) {
                requireAdministratorToAllowCas(vault, name, existing, ca, caller);
            }
            caCheck.requireSigner(vault, ca.certificateName(), ca.maxPathLength());
        }
        if (provider instanceof IssuerProvider.Acme acme) {
            acmeAddresses.refusal(acme.directory()).ifPresent(why -> {
                throw Failure.badParameter("acme.directory_url '" + acme.directoryUrl() + "' cannot be used: " + why);
            });
            // Read from the CA only when the profile or directory changes: turning an issuer off must not need the CA.
            boolean sameProfile = existing != null && store.provider(existing) instanceof IssuerProvider.Acme before
                    && Objects.equals(before.profile(), acme.profile()) && before.directoryUrl().equals(acme.directoryUrl());
            if (!sameProfile) {
                acmeProfiles.refusal(acme).ifPresent(why -> {
                    throw Failure.badParameter(why);
                });
            }
        }
        Instant now = clock.instant();
        CertificateIssuerEntity row = existing;
        if (row == null) {
            row = new CertificateIssuerEntity();
            row.key = new CertificateIssuerEntity.Key(vault, name);
            row.createdAt = now;
        }
        store.write(row, provider, draft.provider(), draft.credentials(), draft.limits());
        row.orgDetails = draft.orgDetailsJson();
        row.enabled = draft.enabled() == null || draft.enabled();
        row.updatedAt = now;
        row.persist();
        return store.view(row);
    }

    /**
     * Signing CAs is authority over every name: only a vault Administrator may let a ca issuer do it, or change what
     * such an issuer signs with or how deep. Anyone with setissuers may still change its other members, or turn it off.
     */
    private void requireAdministratorToAllowCas(String vault, String name, CertificateIssuerEntity existing, IssuerProvider.InternalCa ca,
                                                Caller caller) {
        // The cascade is no signing authority (it re-issues leaves through their own policies): anyone with setissuers sets it.
        boolean unchanged = existing != null && store.provider(existing) instanceof IssuerProvider.InternalCa before
                && before.certificateName().equalsIgnoreCase(ca.certificateName()) && before.signsCas() == ca.signsCas()
                && Objects.equals(before.maxPathLength(), ca.maxPathLength());
        if (unchanged || rights.administers(vault, caller)) {
            return;
        }
        throw new Failure(Failure.Kind.FORBIDDEN, "Forbidden", "principal '" + caller.subject() + "' may not set ca.allow_ca, "
                + "ca.max_path_length or the certificate of issuer '" + name + "', which may sign CA certificates: only a vault "
                + "Administrator (role Administrator in vault '" + vault + "', or renewd.security.admin-groups) may");
    }
}
