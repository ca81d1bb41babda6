package io.renewd.issuer.acme;

import io.quarkus.runtime.Startup;
import io.renewd.config.AcmeConfig;
import io.renewd.config.ApiConfig;
import io.renewd.domain.X509Properties;
import io.renewd.domain.acme.AcmeNameMap;
import io.renewd.domain.acme.RenewdNames;
import io.renewd.pki.PemCodec;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which names renewd may prove to an ACME CA for a vault: the operator's name map
 * ({@code renewd.acme.names}), never renewd's own host names. renewd's HTTPS certificate files are
 * read again when they change (a renewed certificate may carry other names). Parsed at start, so
 * a malformed map stops renewd with a message.
 */
@Startup
@ApplicationScoped
public class AcmeNames {

    private static final String VAULT_PLACEHOLDER = "{vault}.";

    private record Loaded(List<FileTime> modified, AcmeNameMap map) {
    }

    private final AcmeConfig config;
    private final Optional<String> vaultDomain;
    private final List<Path> certificateFiles;
    private Loaded loaded;

    AcmeNames(AcmeConfig config, ApiConfig api,
              @ConfigProperty(name = "quarkus.http.ssl.certificate.files") Optional<List<Path>> certificateFiles) {
        this.config = config;
        this.vaultDomain = api.vaultHost().map(pattern -> pattern.strip().toLowerCase(Locale.ROOT))
                .filter(pattern -> pattern.startsWith(VAULT_PLACEHOLDER)).map(pattern -> pattern.substring(VAULT_PLACEHOLDER.length()));
        this.certificateFiles = certificateFiles.orElse(List.of());
        map();
    }

    /** The names an ACME order for a policy asks for: its DNS names and IP addresses, or its subject's host name. */
    public static List<String> orderedNames(X509Properties x509) {
        List<String> names = new ArrayList<>(x509.sans().dnsNames());
        names.addAll(x509.sans().ipAddresses());
        if (names.isEmpty()) {
            OrderIdentifiers.hostName(x509.subject()).ifPresent(names::add);
        }
        return names;
    }

    /** Why {@code vault} may not have renewd prove {@code names} to an ACME CA; empty when it may. */
    public Optional<String> refusal(String vault, List<String> names) {
        return map().refusal(vault, names);
    }

    private synchronized AcmeNameMap map() {
        List<FileTime> modified = certificateFiles.stream().map(AcmeNames::modified).toList();
        if (loaded == null || !loaded.modified().equals(modified)) {
            List<String> own = new ArrayList<>(config.reservedNames().orElse(List.of()));
            certificateFiles.forEach(file -> own.addAll(names(file)));
            loaded = new Loaded(modified, AcmeNameMap.parse(config.names(), config.namesDefault() == AcmeConfig.NamesDefault.ANY,
                    RenewdNames.of(own, vaultDomain)));
        }
        return loaded.map();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The DNS names and IP addresses of the leaf in a PEM file (its subject's CN when it has no SANs). */
    private static List<String> names(Path file) {
        try {
            X509Certificate leaf = PemCodec.readCertificates(Files.readString(file)).getFirst();
            List<String> names = new ArrayList<>();
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
            if (names.isEmpty()) {
                OrderIdentifiers.hostName(leaf.getSubjectX500Principal().getName()).ifPresent(names::add);
            }
            return names;
        } catch (IOException | CertificateParsingException | RuntimeException e) {
            // Quarkus refuses to serve HTTPS with an unreadable certificate: renewd does not start in that case anyway.
            throw new IllegalStateException("cannot read renewd's HTTPS certificate " + file + " for its own host names: " + e.getMessage(), e);
        }
    }

}
