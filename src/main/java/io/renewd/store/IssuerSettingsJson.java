package io.renewd.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.acme.AcmeCa;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores an issuer's provider as its row's provider name plus its record as JSON ({"acme": …}, {"ca": …}, or {} for a provider
 * renewd has no adapter for), and reads it back.
 * The provider name is kept as the user spelled it ({@code DigiCert}, {@code acme}, {@code ca}: Key Vault shows it back so);
 * for an acme issuer it names the CA ({@link AcmeCa}).
 */
@ApplicationScoped
public class IssuerSettingsJson {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Settings(IssuerProvider.Acme acme, IssuerProvider.InternalCa ca) {
    }

    private final ObjectMapper mapper;

    IssuerSettingsJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public IssuerProvider provider(CertificateIssuerEntity row) {
        Settings settings;
        try {
            settings = mapper.readValue(row.settings, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored issuer settings are not readable", e);
        }
        if (row.provider.equalsIgnoreCase(IssuerProvider.InternalCa.NAME)) {
            IssuerProvider.InternalCa ca = settings.ca();
            // Settings stored before the cascade existed: it is on for them, and shown so.
            return new IssuerProvider.InternalCa(ca.certificateName(), ca.allowCa(), ca.maxPathLength(), ca.effectiveCascade());
        }
        return AcmeCa.named(row.provider).<IssuerProvider>map(ca -> settings.acme().of(ca))
                .orElseGet(() -> new IssuerProvider.Unsupported(row.provider));
    }

    /** Stores {@code provider} under the name the user gave it, {@code spelled}, when that names it; else under its own name. */
    public void write(CertificateIssuerEntity row, IssuerProvider provider, String spelled) {
        Settings settings = switch (provider) {
            case IssuerProvider.Acme acme -> new Settings(acme, null);
            case IssuerProvider.InternalCa ca -> new Settings(null, ca);
            case IssuerProvider.Unsupported ignored -> new Settings(null, null);
        };
        String name = switch (provider) {
            case IssuerProvider.Acme acme -> acme.ca().providerName();
            case IssuerProvider.InternalCa ignored -> IssuerProvider.InternalCa.NAME;
            case IssuerProvider.Unsupported unsupported -> unsupported.provider();
        };
        row.provider = name.equalsIgnoreCase(spelled) ? spelled : name;
        try {
            row.settings = mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("issuer settings could not be written as JSON", e);
        }
    }
}
