package io.renewd.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.IssuerProvider;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores an issuer's provider as its row's provider name plus its record as JSON ({"acme": …} or {"ca": …}), and reads it back. */
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
        return switch (row.provider) {
            case IssuerProvider.Acme.NAME -> settings.acme();
            case IssuerProvider.InternalCa.NAME -> settings.ca();
            default -> throw new IllegalStateException("stored issuer has unknown provider " + row.provider);
        };
    }

    public void write(CertificateIssuerEntity row, IssuerProvider provider) {
        row.provider = provider.name();
        Settings settings = switch (provider) {
            case IssuerProvider.Acme acme -> new Settings(acme, null);
            case IssuerProvider.InternalCa ca -> new Settings(null, ca);
        };
        try {
            row.settings = mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("issuer settings could not be written as JSON", e);
        }
    }
}
