package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import io.renewd.domain.acme.InternalAddresses;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether renewd may connect to an ACME server's host: not when the host resolves to an internal
 * address (loopback, link-local, private, CGNAT, unique-local, ...), unless the operator put the
 * host on {@code renewd.acme.allowed-hosts}. Checked when an issuer is set and before every request.
 */
@ApplicationScoped
public class AcmeAddresses {

    private final Set<String> allowedHosts;

    AcmeAddresses(AcmeConfig config) {
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream().map(AcmeAddresses::normalize).collect(Collectors.toSet());
    }

    /** Why renewd must not connect to {@code url}'s host; empty when it may (or the name does not resolve now: connecting then fails anyway). */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("the ACME URL " + url + " names no host");
        }
        if (allowedHosts.contains(normalize(host))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = InternalAddresses.reason(address);
            if (reason.isPresent()) {
                return Optional.of("the ACME server " + host + (host.equals(address.getHostAddress()) ? " is " : " resolves to "
                        + address.getHostAddress() + ", ") + reason.get() + ": renewd does not connect ACME issuers to internal"
                        + " addresses unless the operator lists the directory's host in renewd.acme.allowed-hosts");
            }
        }
        return Optional.empty();
    }

    private static String normalize(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
