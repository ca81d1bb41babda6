package io.renewd.issuer.acme.http01;

import io.renewd.domain.IpAddresses;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether an HTTP-01 request's Host header names the identifier a token proves: case and port aside, and a trailing dot. */
final class ChallengeHost {

    private ChallengeHost() {
    }

    static boolean matches(String hostHeader, String identifier) {
        if (hostHeader == null || identifier == null) {
            return false;
        }
        String host = withoutPort(hostHeader.strip());
        if (IpAddresses.isLiteral(identifier)) {
            return IpAddresses.isLiteral(host) && literal(host).equals(literal(identifier));
        }
        return normalize(host).equals(normalize(identifier));
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        // More than one colon: a bare IPv6 address, which has no port.
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static InetAddress literal(String text) {
        try {
            // Only IP literals reach here (IpAddresses.isLiteral): nothing is looked up.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
