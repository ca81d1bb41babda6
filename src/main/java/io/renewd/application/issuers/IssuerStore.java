package io.renewd.application.issuers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.Failure;
import io.renewd.application.crypto.SealedStorage;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerDraft;
import io.renewd.domain.IssuerProvider;
import io.renewd.store.CertificateIssuerEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads and writes issuer rows: provider settings as JSON, credentials sealed. */
@ApplicationScoped
public class IssuerStore {

    record Settings(Acme acme, Ca ca) {
    }

    record Acme(String directoryUrl, String contact) {
    }

    /** {@code allowCa}/{@code maxPathLength} are absent from rows written before CA issuance could be allowed. */
    record Ca(String certificateName, Boolean allowCa, Integer maxPathLength) {
    }

    private final VaultQueries vaults;
    private final SealedStorage sealedStorage;
    private final ObjectMapper mapper;

    IssuerStore(VaultQueries vaults, SealedStorage sealedStorage, ObjectMapper mapper) {
        this.vaults = vaults;
        this.sealedStorage = sealedStorage;
        this.mapper = mapper;
    }

    public CertificateIssuerEntity require(String vault, String name) {
        return find(vault, name).orElseThrow(() -> Failure.notFound("CertificateIssuerNotFound",
                "vault '" + vault + "' has no issuer '" + name + "'"));
    }

    public Optional<CertificateIssuerEntity> find(String vault, String name) {
        vaults.get(vault);
        return Optional.ofNullable(CertificateIssuerEntity.findById(new CertificateIssuerEntity.Key(vault, name)));
    }

    public IssuerProvider provider(CertificateIssuerEntity row) {
        Settings settings = read(row.settings);
        return switch (row.provider) {
            case IssuerProvider.Acme.NAME -> new IssuerProvider.Acme(URI.create(settings.acme().directoryUrl()), settings.acme().contact());
            case IssuerProvider.InternalCa.NAME -> new IssuerProvider.InternalCa(settings.ca().certificateName(),
                    Boolean.TRUE.equals(settings.ca().allowCa()), settings.ca().maxPathLength());
            default -> throw new IllegalStateException("stored issuer has unknown provider " + row.provider);
        };
    }

    public Optional<IssuerCredentials> credentials(CertificateIssuerEntity row) {
        if (row.credentialsSealed == null) {
            return Optional.empty();
        }
        byte[] json = sealedStorage.open(row.credentialsSealed, SealedStorage.issuerCredentialsContext(row.key.vault(), row.key.name()));
        try {
            return Optional.of(mapper.readValue(json, IssuerCredentials.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sealed issuer credentials are not readable", e);
        }
    }

    /** The draft that describes a stored issuer exactly (for PATCH). */
    IssuerDraft draftOf(CertificateIssuerEntity row) {
        var provider = provider(row);
        return new IssuerDraft(row.provider,
                provider instanceof IssuerProvider.Acme acme ? acme.directoryUrl().toString() : null,
                provider instanceof IssuerProvider.Acme acme ? acme.contact() : null,
                provider instanceof IssuerProvider.InternalCa ca ? ca.certificateName() : null,
                credentials(row).orElse(null), row.orgDetails, row.enabled,
                provider instanceof IssuerProvider.InternalCa ca ? ca.allowCa() : null,
                provider instanceof IssuerProvider.InternalCa ca ? ca.maxPathLength() : null);
    }

    void write(CertificateIssuerEntity row, IssuerProvider provider, IssuerCredentials credentials) {
        row.provider = provider.name();
        row.settings = write(switch (provider) {
            case IssuerProvider.Acme acme -> new Settings(new Acme(acme.directoryUrl().toString(), acme.contact()), null);
            case IssuerProvider.InternalCa ca -> new Settings(null, new Ca(ca.certificateName(), ca.allowCa(), ca.maxPathLength()));
        });
        row.credentialsSealed = credentials == null ? null : sealedStorage.seal(write(credentials).getBytes(StandardCharsets.UTF_8),
                SealedStorage.issuerCredentialsContext(row.key.vault(), row.key.name()));
    }

    public IssuerView view(CertificateIssuerEntity row) {
        return new IssuerView(row.key.vault(), row.key.name(), provider(row), credentials(row).map(IssuerCredentials::accountId).orElse(null),
                row.orgDetails, row.enabled, row.createdAt, row.updatedAt);
    }

    private Settings read(String json) {
        try {
            return mapper.readValue(json, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored issuer settings are not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
