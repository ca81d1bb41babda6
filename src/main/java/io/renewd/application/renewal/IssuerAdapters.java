package io.renewd.application.renewal;

import io.renewd.issuer.CertificateIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The issuer adapters this build has, by provider name. */
@ApplicationScoped
public class IssuerAdapters {

    private final Map<String, CertificateIssuer> byProvider;

    IssuerAdapters(Instance<CertificateIssuer> adapters) {
        this.byProvider = adapters.stream().collect(Collectors.toMap(CertificateIssuer::provider, Function.identity()));
    }

    public Optional<CertificateIssuer> forProvider(String provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }
}
