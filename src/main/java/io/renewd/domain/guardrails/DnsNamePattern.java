package io.renewd.domain.guardrails;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code allowed_dns_names}. Matching ignores case and a trailing dot.
 * <ul>
 *   <li>{@code team-a.example.com}: exactly that name.</li>
 *   <li>{@code *.team-a.example.com}: one label, any label, in front of {@code team-a.example.com}
 *       ({@code api.team-a.example.com}, not {@code team-a.example.com}, not {@code a.b.team-a.example.com}).</li>
 *   <li>{@code **.team-a.example.com}: one or more labels in front ({@code api.team-a.example.com},
 *       {@code a.b.team-a.example.com}, not {@code team-a.example.com} itself: list it too to allow it).</li>
 * </ul>
 * A wildcard certificate name is allowed when every name it covers is: {@code *.team-a.example.com}
 * by {@code *.team-a.example.com} or {@code **.example.com}, never by an exact pattern.
 * Wildcards are whole leftmost labels only ({@code api-*.example.com} and {@code a.*.example.com} are refused).
 */
public record DnsNamePattern(String text, Kind kind, String suffix) {

    public enum Kind {
        /** The name itself. */
        EXACT,
        /** {@code *.}: exactly one label in front of the suffix. */
        ONE_LABEL,
        /** {@code **.}: one or more labels in front of the suffix. */
        ANY_LABELS
    }

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    /** The pattern, or why the text is not one. */
    public sealed interface Parsed {
        record Valid(DnsNamePattern pattern) implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }

    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed.Invalid("a pattern must not be empty");
        }
        String normalized = normalize(text);
        if (normalized.equals("*") || normalized.equals("**")) {
            return new Parsed.Invalid("'" + text + "' allows every name: leave allowed_dns_names out instead");
        }
        Kind kind = Kind.EXACT;
        String suffix = normalized;
        if (normalized.startsWith("**.")) {
            kind = Kind.ANY_LABELS;
            suffix = normalized.substring(3);
        } else if (normalized.startsWith("*.")) {
            kind = Kind.ONE_LABEL;
            suffix = normalized.substring(2);
        }
        if (suffix.contains("*")) {
            return new Parsed.Invalid("'" + text + "' has a wildcard that is not a whole leftmost label: use *.name (one label) or **.name (any number of labels)");
        }
        if (suffix.length() > 253) {
            return new Parsed.Invalid("'" + text + "' is longer than a DNS name can be (253 characters)");
        }
        for (String label : suffix.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return new Parsed.Invalid("'" + text + "' is not a DNS name or a wildcard pattern (*.example.com, **.example.com)");
            }
        }
        return new Parsed.Valid(new DnsNamePattern(normalized, kind, suffix));
    }

    /** Whether {@code dnsName} (a SAN or a DNS-like common name, possibly itself a wildcard) is allowed by this pattern. */
    public boolean matches(String dnsName) {
        if (dnsName == null || dnsName.isEmpty()) {
            return false;
        }
        String name = normalize(dnsName);
        if (kind == Kind.EXACT) {
            return name.equals(suffix);
        }
        if (!name.endsWith("." + suffix)) {
            return false;
        }
        String front = name.substring(0, name.length() - suffix.length() - 1);
        if (front.isEmpty() || front.startsWith(".") || front.endsWith(".") || front.contains("..")) {
            return false;
        }
        return kind == Kind.ANY_LABELS || !front.contains(".");
    }

    /** The pattern in its normal form (lower case, no trailing dot): what is stored and shown. */
    @Override
    public String toString() {
        return text;
    }

    /** The form compared: lower case, without a trailing dot. */
    public static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

}
