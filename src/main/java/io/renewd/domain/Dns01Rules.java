package io.renewd.domain;

import io.renewd.domain.acme.AcmeSolver;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a dns01 solver's settings, naming the first wrong member ({@code at} is where it sits, e.g. {@code acme.solvers[0].dns01}). */
final class Dns01Rules {

    /** The TSIG algorithms of RFC 8945 that renewd signs with (HMAC-MD5 is deprecated there). */
    static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    /** More servers to check than this is a mistake, not a configuration. */
    static final int MAX_CHECK_NAMESERVERS = 10;

    /** Longer than this a CA's authorization may not wait; a longer propagation is a broken DNS set-up. */
    static final Duration MAX_PROPAGATION_TIMEOUT = Duration.ofHours(2);

    /** A TSIG secret is a hash-sized key (64 bytes for HMAC-SHA512); far longer text is no secret but a mistake. */
    static final int MAX_SECRET_LENGTH = 512;

    private static final Pattern BRACKETED_V6 = Pattern.compile("^\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?$");
    private static final Pattern HOST_PORT = Pattern.compile("^([^:\\[\\]]+)(?::(\\d{1,5}))?$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    private Dns01Rules() {
    }

    static Optional<String> problem(String at, AcmeSolver.Dns01 dns01) {
        var rfc2136 = dns01.rfc2136();
        if (rfc2136 == null) {
            return Optional.of(at + ".rfc2136 is required: the RFC 2136 server renewd sends TSIG-signed updates to");
        }
        String server = at + ".rfc2136";
        if (rfc2136.nameserver() == null) {
            return Optional.of(server + ".nameserver is required: host:port of the DNS server that accepts the updates");
        }
        if (!isServerAddress(rfc2136.nameserver())) {
            return Optional.of(server + ".nameserver '" + rfc2136.nameserver() + "' is not host:port (port 1-65535; an IPv6 address in brackets)");
        }
        if (rfc2136.zone() != null && (!Names.isDnsName(trimDot(rfc2136.zone())) || rfc2136.zone().startsWith("*."))) {
            return Optional.of(server + ".zone '" + rfc2136.zone() + "' is not a DNS zone");
        }
        if (rfc2136.tsigKeyName() == null) {
            return Optional.of(server + ".tsig_key_name is required: the name of the TSIG key the server accepts updates signed with");
        }
        if (!Names.isDnsName(trimDot(rfc2136.tsigKeyName()))) {
            return Optional.of(server + ".tsig_key_name '" + rfc2136.tsigKeyName() + "' is not a key name (a DNS name)");
        }
        if (!ALGORITHMS.contains(rfc2136.algorithm())) {
            return Optional.of(server + ".tsig_algorithm '" + rfc2136.tsigAlgorithm() + "' is not supported: use one of "
                    + String.join(", ", ALGORITHMS.stream().sorted().toList()));
        }
        if (rfc2136.tsigSecret() == null) {
            return Optional.of(server + ".tsig_secret is required: the TSIG key's secret, base64 (as tsig-keygen prints it)");
        }
        if (rfc2136.tsigSecret().length() > MAX_SECRET_LENGTH || !isBase64(rfc2136.tsigSecret())) {
            return Optional.of(server + ".tsig_secret is not base64 of at most " + MAX_SECRET_LENGTH + " characters (the secret as tsig-keygen prints it)");
        }
        List<String> check = dns01.checkNameservers();
        if (check != null) {
            if (check.isEmpty() || check.size() > MAX_CHECK_NAMESERVERS) {
                return Optional.of(at + ".check_nameservers has " + check.size() + " entries: give 1 to " + MAX_CHECK_NAMESERVERS
                        + ", or leave it out to check the zone's authoritative servers");
            }
            for (String address : check) {
                if (address == null || !isServerAddress(address)) {
                    return Optional.of(at + ".check_nameservers: '" + address + "' is not host:port (port 1-65535; an IPv6 address in brackets)");
                }
            }
        }
        if (dns01.propagationTimeout() != null) {
            Duration timeout;
            try {
                timeout = Duration.parse(dns01.propagationTimeout());
            } catch (DateTimeParseException e) {
                return Optional.of(at + ".propagation_timeout '" + dns01.propagationTimeout() + "' is not an ISO-8601 duration (e.g. PT5M)");
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_PROPAGATION_TIMEOUT) > 0) {
                return Optional.of(at + ".propagation_timeout " + dns01.propagationTimeout() + " is out of range: more than 0, at most "
                        + MAX_PROPAGATION_TIMEOUT);
            }
        }
        return Optional.empty();
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}, the host a DNS name or an IP address. */
    static boolean isServerAddress(String address) {
        Matcher v6 = BRACKETED_V6.matcher(address);
        if (v6.matches()) {
            return v6.group(1).contains(":") && validPort(v6.group(2));
        }
        Matcher hostPort = HOST_PORT.matcher(address);
        if (!hostPort.matches() || !validPort(hostPort.group(2))) {
            return false;
        }
        String host = hostPort.group(1);
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return Names.isDnsName(trimDot(host)) && !host.startsWith("*.");
    }

    private static boolean validPort(String port) {
        if (port == null) {
            return true;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private static boolean isBase64(String text) {
        try {
            return !text.isBlank() && Base64.getDecoder().decode(text.strip()).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
