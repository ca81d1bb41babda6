package io.renewd.issuer.acme;

import io.quarkus.runtime.Startup;
import io.renewd.config.AcmeConfig;
import io.renewd.domain.acme.AcmeCa;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The directory an acme issuer of a named CA ({@code "provider": "DigiCert"}) gets when it sends no
 * {@code acme.directory_url}: the operator's {@code renewd.acme.providers.<name>.directory-url}, else the CA's public
 * one. Checked at startup, so a misspelt provider name or a URL that is no https URL stops renewd rather than an issuance.
 */
@ApplicationScoped
@Startup
public class AcmeDirectories {

    private final Map<AcmeCa, URI> overrides = new EnumMap<>(AcmeCa.class);

    AcmeDirectories(AcmeConfig config) {
        config.providers().forEach((name, provider) -> {
            AcmeCa ca = AcmeCa.named(name).filter(named -> named != AcmeCa.ANY).orElseThrow(() -> new IllegalStateException(
                    "renewd.acme.providers." + name + ": '" + name + "' is not the provider name of an ACME CA renewd knows ("
                            + AcmeCa.namedCas() + ")"));
            overrides.put(ca, https(name, provider.directoryUrl()));
        });
    }

    /** The directory of {@code ca}; empty for {@link AcmeCa#ANY}, whose issuers name theirs. */
    public Optional<URI> directory(AcmeCa ca) {
        return Optional.ofNullable(overrides.get(ca)).or(ca::directory);
    }

    private static URI https(String name, String url) {
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // named below
        }
        throw new IllegalStateException("renewd.acme.providers." + name + ".directory-url '" + url + "' is not an https URL");
    }
}
