package io.renewd.domain.acme;

import io.renewd.domain.IpAddresses;
import io.renewd.domain.guardrails.DnsNamePattern;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's map of which names renewd may prove to an ACME CA for which vault
 * ({@code renewd.acme.names}). An entry is a DNS name, a pattern of the guardrails' syntax
 * ({@code *.x}: one label in front of x, as a wildcard certificate covers; {@code **.x}: any
 * number of labels), or an IP address. A vault the map does not list gets the default: any
 * name, or none. renewd's own names ({@link RenewdNames}) are never allowed, whatever the map says.
 */
public record AcmeNameMap(Map<String, List<Entry>> byVault, boolean unlistedMayOrderAny, RenewdNames renewd) {

    /** One allowed name or pattern. */
    public sealed interface Entry {
        boolean allows(String name);

        record Dns(DnsNamePattern pattern) implements Entry {
            @Override
            public boolean allows(String name) {
                return !IpAddresses.isLiteral(name) && pattern.matches(name);
            }

            @Override
            public String toString() {
                return pattern.toString();
            }
        }

        record Ip(InetAddress address) implements Entry {
            @Override
            public boolean allows(String name) {
                return IpAddresses.isLiteral(name) && address.equals(literal(name));
            }

            @Override
            public String toString() {
                return address.getHostAddress();
            }
        }
    }

    public AcmeNameMap {
        byVault = Map.copyOf(byVault);
    }

    /**
     * The map from configuration text; an entry that is neither a name, a pattern nor an IP
     * address stops renewd at start with this message.
     */
    public static AcmeNameMap parse(Map<String, List<String>> configured, boolean unlistedMayOrderAny, RenewdNames renewd) {
        // Vault names are case-insensitive: entries written for Team-A and team-a are both vault team-a's.
        Map<String, List<Entry>> byVault = new LinkedHashMap<>();
        configured.forEach((vault, texts) -> {
            List<Entry> entries = new ArrayList<>(byVault.getOrDefault(key(vault), List.of()));
            for (String text : texts) {
                entries.add(entry(vault, text.strip()));
            }
            byVault.put(key(vault), List.copyOf(entries));
        });
        return new AcmeNameMap(byVault, unlistedMayOrderAny, renewd);
    }

    /** Why {@code vault} may not have renewd prove {@code names} (DNS names or IP literals) to an ACME CA; empty when it may. */
    public Optional<String> refusal(String vault, List<String> names) {
        for (String name : names) {
            if (renewd.covers(name)) {
                return Optional.of("'" + name + "' is one of renewd's own host names (" + renewd.describe()
                        + "): renewd never proves them to an ACME CA for a vault");
            }
        }
        List<Entry> entries = byVault.get(key(vault));
        if (entries == null) {
            return unlistedMayOrderAny ? Optional.empty() : Optional.of("vault '" + vault + "' has no entry in the operator's name map"
                    + " (renewd.acme.names) and renewd.acme.names-default is none: renewd proves no name to an ACME CA for it;"
                    + " ask the operator to list the names this vault may order");
        }
        List<String> outside = names.stream().filter(name -> entries.stream().noneMatch(entry -> entry.allows(name))).toList();
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(outside.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                + (outside.size() == 1 ? " is" : " are") + " not among the names vault '" + vault
                + "' may have renewd prove to an ACME CA: the operator's name map (renewd.acme.names.\"" + vault + "\") allows "
                + entries.stream().map(Entry::toString).collect(Collectors.joining(", ")));
    }

    private static String key(String vault) {
        return vault.toLowerCase(Locale.ROOT);
    }

    private static Entry entry(String vault, String text) {
        if (IpAddresses.isLiteral(text)) {
            return new Entry.Ip(literal(text));
        }
        return switch (DnsNamePattern.parse(text)) {
            case DnsNamePattern.Parsed.Valid valid -> new Entry.Dns(valid.pattern());
            case DnsNamePattern.Parsed.Invalid invalid -> throw new IllegalArgumentException(
                    "renewd.acme.names.\"" + vault + "\": " + invalid.reason());
        };
    }

    static InetAddress literal(String text) {
        try {
            // Called for IP literals only (IpAddresses.isLiteral): nothing is looked up.
            return InetAddress.getByName(text.toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }
}
