package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.quarkus.runtime.configuration.MemorySize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How renewd talks to ACME CAs (issuers with provider {@code acme}). */
@ConfigMapping(prefix = "renewd.acme")
public interface AcmeConfig {

    /**
     * A PKCS#12 trust store for ACME servers whose TLS certificate comes from a private CA (a
     * company CA, or Pebble in tests and the local run). It replaces the JDK's default trust for
     * ACME connections only, and is read again when the file changes (a rotated Kubernetes
     * secret). Not set: the JDK's default trust store.
     */
    Optional<Path> trustStore();

    /** The trust store's password. */
    Optional<String> trustStorePassword();

    /**
     * How long one call waits for an order to be validated and issued before it answers
     * "in progress" (the renewer calls again later with the order URL). The wait holds one of the
     * renewer's workers, so by default there is none: the order is parked (its URL stored, its lease
     * released) and resumed after the CA's Retry-After, else after {@link #firstCheck()} growing with
     * the order's age up to {@link #retryAfter()}.
     */
    @WithDefault("0s")
    Duration orderWait();

    /** How often an order is polled during that wait, when the CA does not say (Retry-After). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * When a parked order is first checked again, when the CA does not say (Retry-After). Later checks wait as long
     * as the order has been at its current step (validating since it was placed, issuing since it was finalized:
     * 1 s, 2 s, 4 s …), up to {@link #retryAfter()}: a CA that validates or issues in a second is seen done a second
     * later, a slow one is not polled often.
     */
    @WithDefault("1s")
    Duration firstCheck();

    /** The longest wait between two checks of a parked order, when the CA does not say (Retry-After). */
    @WithDefault("15s")
    Duration retryAfter();

    /** Connect and response timeout of each HTTP request to an ACME server. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * The operator's name map: for each vault, the DNS names (and IP addresses) renewd may prove
     * to an ACME CA on its behalf, comma-separated: {@code renewd.acme.names."team-a"=team-a.example.com,**.team-a.example.com}.
     * An entry is a name, {@code *.x} (one label in front of x, as a wildcard certificate covers) or
     * {@code **.x} (any number of labels in front of x), or an IP address. Checked when a policy
     * names an acme issuer (create, policy update, import: 403) and again before every order.
     */
    Map<String, List<String>> names();

    /**
     * What a vault the name map does not list may have proved: {@code none} (no name: every
     * vault that orders through ACME must be listed) or {@code any} (any name but renewd's own).
     */
    @WithDefault("none")
    NamesDefault namesDefault();

    /**
     * More of renewd's own host names, never ordered through ACME for a vault, beyond those of its
     * HTTPS certificate ({@code quarkus.http.ssl.certificate.files}) and those under
     * {@code renewd.api.vault-host}: the names of an ingress that terminates TLS in front of it, say.
     */
    Optional<List<String>> reservedNames();

    /**
     * ACME directory hosts (host names or IP addresses, as written in the directory URL) that may
     * be internal: loopback, link-local, private, CGNAT or unique-local addresses. Every other
     * ACME server is refused when its host resolves to such an address. Only the directory's
     * own host is ever contacted, so listing it lets exactly that server in.
     */
    Optional<List<String>> allowedHosts();

    /**
     * The longest one call to an ACME CA may take, all requests together (placing or resuming an
     * order, answering challenges, downloading the certificate). A CA that is slower fails the
     * attempt, which is retried with backoff; one slow CA cannot hold the renewer for long.
     */
    @WithDefault("2m")
    Duration attemptTimeout();

    /**
     * The most renewal attempts through ACME issuers (all vaults, all CAs, counted across replicas) leased at once.
     * An attempt at a CA that does not answer holds a renewer worker until {@link #attemptTimeout()}; each issuer's
     * {@code max_concurrent} bounds one CA, this bounds all of them together, so several stalled CAs leave workers to
     * Self and ca renewals. Keep it below {@code renewd.renewer.concurrency} (8) times the replicas. A parked order
     * holds nothing, so healthy CAs rarely come near it.
     */
    @WithDefault("6")
    int maxConcurrent();

    /** The most names (DNS names and IP addresses) one order may ask for. */
    @WithDefault("100")
    int maxIdentifiers();

    /** The most authorizations renewd works on for one order; a CA that returns more fails the attempt. */
    @WithDefault("100")
    int maxAuthorizations();

    /** The largest answer renewd reads from an ACME server (a certificate chain is a few KiB). */
    @WithDefault("1M")
    MemorySize maxResponseSize();

    /** ACME Renewal Information (RFC 9773), followed when a CA's directory offers {@code renewalInfo}. */
    RenewalInfo renewalInfo();

    /** When renewd asks a CA for the suggested renewal window of the certificates it issued. */
    interface RenewalInfo {

        /** How often renewd looks for certificates whose renewal information is due to be fetched. */
        @WithDefault("1m")
        Duration checkInterval();

        /** When to ask again after an answer without Retry-After. */
        @WithDefault("6h")
        Duration defaultRetryAfter();

        /** The CA's Retry-After is taken as at least this (RFC 9773 suggests one minute)... */
        @WithDefault("1m")
        Duration minRetryAfter();

        /** ...and at most this (RFC 9773 suggests one day). */
        @WithDefault("1d")
        Duration maxRetryAfter();

        /** When to ask again after a failed fetch (CA unreachable, malformed answer). */
        @WithDefault("1h")
        Duration errorRetryAfter();
    }

    /**
     * How often renewd tries again to remove DNS-01 TXT records it could not remove when their
     * order was settled (the DNS server did not answer), and records that outlived their order.
     */
    @WithDefault("1m")
    Duration dns01CleanupInterval();

    /**
     * Per Key Vault provider name of an ACME CA ({@code digicert}, {@code globalsign}, {@code sectigo}, {@code zerossl},
     * {@code letsencrypt}; any case): the directory an issuer of that provider gets when it names none
     * ({@code acme.directory_url}), instead of the CA's public one. Issuers made through the Azure SDKs, which cannot send
     * {@code acme}, take it; so do air-gapped sites (a proxy or mirror of the CA) and regional accounts (DigiCert ONE, Sectigo OV).
     * Applied when the issuer is set.
     */
    Map<String, Provider> providers();

    /** Settings of one ACME CA provider name. */
    interface Provider {
        /** Its directory URL (https). */
        String directoryUrl();
    }

    /** The name map's default for unlisted vaults. */
    enum NamesDefault {
        /** No name. */
        NONE,
        /** Any name but renewd's own. */
        ANY;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
