package io.renewd.application.issuers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.Failure;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerDraft;
import io.renewd.domain.IssuerLimits;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.acme.AcmeSolver;
import io.renewd.store.CertificateIssuerEntity;
import io.renewd.store.IssuerSettingsJson;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and writes issuer rows: provider settings as JSON ({@link IssuerSettingsJson}), credentials sealed. */
@ApplicationScoped
public class IssuerStore {

    private final VaultQueries vaults;
    private final SealedStorage sealedStorage;
    private final IssuerSettingsJson settingsJson;
    private final ObjectMapper mapper;
    private final Clock clock;

    IssuerStore(VaultQueries vaults, SealedStorage sealedStorage, IssuerSettingsJson settingsJson, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
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
        return CertificateIssuerEntity.findByName(vault, name);
    }

    /** The stored provider, with its dns01 solvers' TSIG secrets opened (they are stored sealed, apart from the settings JSON). */
    public IssuerProvider provider(CertificateIssuerEntity row) {
        IssuerProvider provider = settingsJson.provider(row);
        if (!(provider instanceof IssuerProvider.Acme acme) || acme.solvers() == null || row.solverSecretsSealed == null) {
            return provider;
        }
        List<String> secrets = readSecrets(sealedStorage.open(row.solverSecretsSealed,
                SealedStorage.solverSecretsContext(row.key.vault(), row.key.name())));
        List<AcmeSolver> solvers = new ArrayList<>();
        for (int i = 0; i < acme.solvers().size(); i++) {
            AcmeSolver solver = acme.solvers().get(i);
            String secret = i < secrets.size() ? secrets.get(i) : null;
            solvers.add(secret == null || solver.dns01() == null || solver.dns01().rfc2136() == null ? solver
                    : new AcmeSolver(solver.http01(), new AcmeSolver.Dns01(solver.dns01().rfc2136().withSecret(secret),
                    solver.dns01().checkNameservers(), solver.dns01().propagationTimeout()), solver.selector()));
        }
        return new IssuerProvider.Acme(acme.directoryUrl(), acme.contact(), solvers);
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
                credentials(row).orElse(null), row.orgDetails, row.enabled, limits(row));
    }

    /**
     * Writes the provider's settings under the provider name as the user spelled it ({@code spelled}), and the credentials
     * sealed. The settings JSON never holds a TSIG secret (the record's secret is write-only for JSON): they are sealed apart.
     */
    void write(CertificateIssuerEntity row, IssuerProvider provider, String spelled, IssuerCredentials credentials, IssuerLimits limits) {
        settingsJson.write(row, provider, spelled);
        row.maxConcurrent = limits == null ? null : limits.maxConcurrent();
        row.maxOrdersPerHour = limits == null ? null : limits.maxOrdersPerHour();
        List<String> secrets = provider instanceof IssuerProvider.Acme acme && acme.solvers() != null
                ? acme.solvers().stream().map(IssuerStore::secretOf).toList() : List.of();
        row.solverSecretsSealed = secrets.stream().allMatch(Objects::isNull) ? null
                : sealedStorage.seal(write(secrets).getBytes(StandardCharsets.UTF_8),
                SealedStorage.solverSecretsContext(row.key.vault(), row.key.name()));
        row.credentialsSealed = credentials == null ? null : sealedStorage.seal(write(credentials).getBytes(StandardCharsets.UTF_8),
                SealedStorage.issuerCredentialsContext(row.key.vault(), row.key.name()));
    }

    public IssuerView view(CertificateIssuerEntity row) {
        return new IssuerView(row.key.vault(), row.key.name(), row.provider, provider(row), credentials(row).map(IssuerCredentials::accountId).orElse(null),
                row.orgDetails, row.enabled, row.createdAt, row.updatedAt, limits(row),
                Optional.ofNullable(row.pausedUntil).filter(clock.instant()::isBefore).map(until -> new IssuerView.Pause(until, row.pauseReason)));
    }

    private static IssuerLimits limits(CertificateIssuerEntity row) {
        return row.maxConcurrent == null && row.maxOrdersPerHour == null ? null : new IssuerLimits(row.maxConcurrent, row.maxOrdersPerHour);
    }

    private static String secretOf(AcmeSolver solver) {
        return solver.dns01() == null || solver.dns01().rfc2136() == null ? null : solver.dns01().rfc2136().tsigSecret();
    }

    private List<String> readSecrets(byte[] json) {
        try {
            return Arrays.asList(mapper.readValue(json, String[].class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sealed solver secrets are not readable", e);
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
