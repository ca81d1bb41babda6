package io.renewd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.IssuerProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/** Stores an issuer's provider as its row's provider name plus JSON settings, and reads it back. */
@ApplicationScoped
public class IssuerSettingsJson {

    record Settings(Acme acme, Ca ca) {
    }

    record Acme(String directoryUrl, String contact) {
    }

    /** {@code allowCa}/{@code maxPathLength} are absent from rows written before CA issuance could be allowed. */
    record Ca(String certificateName, Boolean allowCa, Integer maxPathLength) {
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
            case IssuerProvider.Acme.NAME -> new IssuerProvider.Acme(URI.create(settings.acme().directoryUrl()), settings.acme().contact());
            case IssuerProvider.InternalCa.NAME -> new IssuerProvider.InternalCa(settings.ca().certificateName(),
                    Boolean.TRUE.equals(settings.ca().allowCa()), settings.ca().maxPathLength());
            default -> throw new IllegalStateException("stored issuer has unknown provider " + row.provider);
        };
    }

    public void write(CertificateIssuerEntity row, IssuerProvider provider) {
        row.provider = provider.name();
        Settings settings = switch (provider) {
            case IssuerProvider.Acme acme -> new Settings(new Acme(acme.directoryUrl().toString(), acme.contact()), null);
            case IssuerProvider.InternalCa ca -> new Settings(null, new Ca(ca.certificateName(), ca.allowCa(), ca.maxPathLength()));
        };
        try {
            row.settings = mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("issuer settings could not be written as JSON", e);
        }
    }
}
