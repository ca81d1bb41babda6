package io.renewd.domain.acme;

import io.renewd.domain.IpAddresses;
import io.renewd.domain.guardrails.DnsNamePattern;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * renewd's own host names, which no vault may have proved to an ACME CA: the names of its
 * HTTPS certificate (a wildcard among them covers one label, as in TLS), names the operator
 * adds, and every name under the vault host suffix ({@code renewd.api.vault-host}).
 *
 * @param names       DNS names, possibly wildcards, lower case without a trailing dot
 * @param addresses   IP addresses
 * @param vaultDomain the name under which each vault has its own host ({@code vault.example.com}), if any
 */
public record RenewdNames(Set<String> names, Set<InetAddress> addresses, Optional<String> vaultDomain) {

    public RenewdNames {
        names = names.stream().map(DnsNamePattern::normalize).collect(Collectors.toUnmodifiableSet());
        addresses = Set.copyOf(addresses);
        vaultDomain = vaultDomain.map(DnsNamePattern::normalize);
    }

    /** From names and IP literals as a certificate or the configuration gives them. */
    public static RenewdNames of(List<String> namesAndAddresses, Optional<String> vaultDomain) {
        var names = namesAndAddresses.stream().filter(n -> !IpAddresses.isLiteral(n)).collect(Collectors.toSet());
        var addresses = namesAndAddresses.stream().filter(IpAddresses::isLiteral).map(AcmeNameMap::literal).collect(Collectors.toSet());
        return new RenewdNames(names, addresses, vaultDomain);
    }

    /** Whether a certificate for {@code name} (a DNS name, possibly a wildcard, or an IP literal) would be valid for one of renewd's names. */
    public boolean covers(String name) {
        if (IpAddresses.isLiteral(name)) {
            return addresses.contains(AcmeNameMap.literal(name));
        }
        String requested = DnsNamePattern.normalize(name);
        if (vaultDomain.isPresent() && requested.endsWith("." + vaultDomain.get())) {
            return true;
        }
        for (String own : names) {
            if (requested.equals(own)) {
                return true;
            }
            // A wildcard on either side covers the names one label below its base.
            if (own.startsWith("*.") && !requested.startsWith("*.") && oneLabelBelow(requested, own.substring(2))) {
                return true;
            }
            if (requested.startsWith("*.") && !own.startsWith("*.") && oneLabelBelow(own, requested.substring(2))) {
                return true;
            }
        }
        return false;
    }

    String describe() {
        return "renewd's HTTPS certificate, renewd.acme.reserved-names"
                + vaultDomain.map(domain -> ", and every name under ." + domain + " (renewd.api.vault-host)").orElse("");
    }

    private static boolean oneLabelBelow(String name, String base) {
        if (!name.endsWith("." + base)) {
            return false;
        }
        String front = name.substring(0, name.length() - base.length() - 1);
        return !front.isEmpty() && !front.contains(".");
    }
}
