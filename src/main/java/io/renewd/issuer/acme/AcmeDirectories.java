package io.renewd.issuer.acme;

import io.quarkus.runtime.Startup;
import io.renewd.config.AcmeConfig;
import io.renewd.domain.acme.AcmeCa;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The directory an acme issuer of a named CA ({@code "provider": "DigiCert"}) gets when it sends no
 * {@code acme.directory_url}: the operator's {@code renewd.acme.providers.<name>.directory-url}, else the CA's public
 * one. Checked at startup, so a misspelt provider name or a URL that is no https URL stops renewd rather than an issuance.
 */
@ApplicationScoped
@Startup
public class AcmeDirectories {

    private final Map<AcmeCa, URI> overrides;

    @Inject
    AcmeDirectories(AcmeConfig config) {
        this(config.providers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().directoryUrl())));
    }

    /** @param overrides directory URL by provider name, as configured */
    AcmeDirectories(Map<String, String> overrides) {
        this.overrides = new EnumMap<>(AcmeCa.class);
        overrides.forEach((name, url) -> {
            AcmeCa ca = AcmeCa.named(name).filter(named -> named != AcmeCa.ANY).orElseThrow(() -> new IllegalStateException(
                    "renewd.acme.providers." + name + ": '" + name + "' is not the provider name of an ACME CA renewd knows ("
                            + AcmeCa.namedCas() + ")"));
            if (this.overrides.put(ca, https(name, url)) != null) {
                throw new IllegalStateException("renewd.acme.providers names " + ca.providerName() + " twice (names match in any case)");
            }
        });
    }

    /** The directory of {@code ca}; empty for {@link AcmeCa#ANY}, whose issuers name theirs. */
    public Optional<URI> directory(AcmeCa ca) {
        return Optional.ofNullable(overrides.get(ca)).or(ca::directory);
    }

    private static URI https(String name, String url) {
        String problem = "renewd.acme.providers." + name + ".directory-url '" + url + "' is not an https URL";
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
            throw new IllegalStateException(problem);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(problem, e);
        }
    }
}
