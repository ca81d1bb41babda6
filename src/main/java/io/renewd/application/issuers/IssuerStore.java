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
import io.renewd.store.IssuerSettingsJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads and writes issuer rows: provider settings as JSON ({@link IssuerSettingsJson}), credentials sealed. */
@ApplicationScoped
public class IssuerStore {

    private final VaultQueries vaults;
    private final SealedStorage sealedStorage;
    private final IssuerSettingsJson settingsJson;
    private final ObjectMapper mapper;

    IssuerStore(VaultQueries vaults, SealedStorage sealedStorage, IssuerSettingsJson settingsJson, ObjectMapper mapper) {
        this.vaults = vaults;
        this.sealedStorage = sealedStorage;
        this.settingsJson = settingsJson;
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
        return settingsJson.provider(row);
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
                provider instanceof IssuerProvider.Acme acme ? acme : null,
                provider instanceof IssuerProvider.InternalCa ca ? ca : null,
                credentials(row).orElse(null), row.orgDetails, row.enabled);
    }

    /** Writes the provider's settings under the provider name as the user spelled it ({@code spelled}), and the credentials sealed. */
    void write(CertificateIssuerEntity row, IssuerProvider provider, String spelled, IssuerCredentials credentials) {
        settingsJson.write(row, provider, spelled);
        row.credentialsSealed = credentials == null ? null : sealedStorage.seal(write(credentials).getBytes(StandardCharsets.UTF_8),
                SealedStorage.issuerCredentialsContext(row.key.vault(), row.key.name()));
    }

    public IssuerView view(CertificateIssuerEntity row) {
        return new IssuerView(row.key.vault(), row.key.name(), row.provider, provider(row), credentials(row).map(IssuerCredentials::accountId).orElse(null),
                row.orgDetails, row.enabled, row.createdAt, row.updatedAt);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
