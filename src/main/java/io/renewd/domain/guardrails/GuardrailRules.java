package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.Names;
import io.renewd.domain.PolicyValidator;
import io.renewd.domain.Violation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a {@link GuardrailsDraft} into {@link Guardrails}, naming every member that is wrong. */
public final class GuardrailRules {

    /** renewd refuses smaller RSA keys anyway. */
    public static final int MIN_RSA_KEY_SIZE = 2048;
    /** The largest RSA key renewd reads. */
    public static final int MAX_RSA_KEY_SIZE = 16384;
    /** 100 years: longer than any policy (at most 1200 months). */
    public static final Duration MAX_MAX_VALIDITY = Duration.ofDays(36525);
    public static final int MAX_LIST_SIZE = 200;

    private GuardrailRules() {
    }

    public sealed interface Result {
        record Valid(Guardrails guardrails) implements Result {
        }

        record Invalid(List<Violation> violations) implements Result {
            public Invalid {
                violations = List.copyOf(violations);
            }

            public String message() {
                return String.join("; ", violations.stream().map(Violation::message).toList());
            }
        }
    }

    public static Result validate(GuardrailsDraft draft) {
        var violations = new ArrayList<Violation>();
        Integer minRsa = minRsaKeySize(draft.minRsaKeySize(), violations);
        Set<Curve> curves = curves(draft.allowedCurves(), violations);
        Duration maxValidity = maxValidity(draft.maxValidity(), violations);
        List<String> issuers = issuers(draft.allowedIssuers(), violations);
        List<DnsNamePattern> dnsNames = dnsNames(draft.allowedDnsNames(), violations);
        List<String> ekus = ekus(draft.allowedEkus(), violations);
        Set<SanType> sanTypes = sanTypes(draft.allowedSanTypes(), violations);
        if (!violations.isEmpty()) {
            return new Result.Invalid(violations);
        }
        // A guardrails document that leaves allow_ca out refuses CA certificates: only a vault with no guardrails has no rule.
        boolean allowCa = Boolean.TRUE.equals(draft.allowCa());
        return new Result.Valid(new Guardrails(minRsa, curves, maxValidity, issuers, dnsNames, allowCa, ekus, sanTypes));
    }

    private static List<String> ekus(List<String> names, List<Violation> violations) {
        if (names == null || !sizeOk(Guardrail.ALLOWED_EKUS, names, violations)) {
            return null;
        }
        var oids = new ArrayList<String>();
        for (String name : names) {
            ExtendedKeyUsages.oid(name).ifPresentOrElse(oid -> {
                if (!oids.contains(oid)) {
                    oids.add(oid);
                }
            }, () -> fail(violations, "allowed_ekus: '" + name + "' is not " + ExtendedKeyUsages.known()));
        }
        return oids;
    }

    private static Set<SanType> sanTypes(List<String> names, List<Violation> violations) {
        if (names == null || !sizeOk(Guardrail.ALLOWED_SAN_TYPES, names, violations)) {
            return null;
        }
        var types = EnumSet.noneOf(SanType.class);
        for (String name : names) {
            SanType.fromWireName(name).ifPresentOrElse(types::add, () -> fail(violations,
                    "allowed_san_types: '" + name + "' is not a SAN type: use dns, ip, email or upn"));
        }
        return types;
    }

    private static Integer minRsaKeySize(Integer size, List<Violation> violations) {
        if (size != null && (size < MIN_RSA_KEY_SIZE || size > MAX_RSA_KEY_SIZE)) {
            fail(violations, "min_rsa_key_size " + size + " is out of range: " + MIN_RSA_KEY_SIZE + " to " + MAX_RSA_KEY_SIZE
                    + " (renewd never accepts RSA keys under " + MIN_RSA_KEY_SIZE + " bits)");
        }
        return size;
    }

    private static Set<Curve> curves(List<String> names, List<Violation> violations) {
        if (names == null || !sizeOk(Guardrail.ALLOWED_CURVES, names, violations)) {
            return null;
        }
        var curves = EnumSet.noneOf(Curve.class);
        for (String name : names) {
            Curve.fromWireName(name).ifPresentOrElse(curves::add, () -> fail(violations,
                    "allowed_curves: '" + name + "' is not a curve renewd knows: use P-256, P-384 or P-521"));
        }
        return curves;
    }

    private static Duration maxValidity(String text, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            fail(violations, "max_validity '" + text + "' is not an ISO-8601 duration in days, hours, minutes or seconds, "
                    + "such as P200D, P47D or PT24H (months and years have no fixed length)");
            return null;
        }
        if (duration.getNano() != 0) {
            fail(violations, "max_validity " + text + " must be whole seconds");
        } else if (duration.compareTo(PolicyValidator.MIN_VALIDITY) < 0) {
            fail(violations, "max_validity " + text + " is shorter than the shortest validity a certificate may have (PT5M)");
        } else if (duration.compareTo(MAX_MAX_VALIDITY) > 0) {
            fail(violations, "max_validity " + text + " is longer than 100 years (P36525D)");
        }
        return duration;
    }

    private static List<String> issuers(List<String> names, List<Violation> violations) {
        if (names == null || !sizeOk(Guardrail.ALLOWED_ISSUERS, names, violations)) {
            return null;
        }
        if (names.isEmpty()) {
            fail(violations, "allowed_issuers must name at least one issuer (Self, Unknown or an issuer of the vault): "
                    + "an empty list would refuse every certificate; leave it out to allow any issuer");
            return null;
        }
        Map<String, String> unique = new LinkedHashMap<>();
        for (String name : names) {
            if (name != null && name.equalsIgnoreCase(IssuerReference.SELF)) {
                unique.putIfAbsent(name.toLowerCase(Locale.ROOT), IssuerReference.SELF);
            } else if (name != null && name.equalsIgnoreCase(IssuerReference.UNKNOWN)) {
                unique.putIfAbsent(name.toLowerCase(Locale.ROOT), IssuerReference.UNKNOWN);
            } else if (Names.isValidObjectName(name)) {
                unique.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            } else {
                fail(violations, "allowed_issuers: '" + name + "' is not Self, Unknown or an issuer name (" + Names.RULE + ")");
            }
        }
        return List.copyOf(unique.values());
    }

    private static List<DnsNamePattern> dnsNames(List<String> texts, List<Violation> violations) {
        if (texts == null || !sizeOk(Guardrail.ALLOWED_DNS_NAMES, texts, violations)) {
            return null;
        }
        var patterns = new ArrayList<DnsNamePattern>();
        for (String text : texts) {
            switch (DnsNamePattern.parse(text)) {
                case DnsNamePattern.Parsed.Valid valid -> {
                    if (!patterns.contains(valid.pattern())) {
                        patterns.add(valid.pattern());
                    }
                }
                case DnsNamePattern.Parsed.Invalid invalid -> fail(violations, "allowed_dns_names: " + invalid.reason());
            }
        }
        return patterns;
    }

    private static boolean sizeOk(Guardrail rule, List<String> list, List<Violation> violations) {
        if (list.size() > MAX_LIST_SIZE) {
            fail(violations, rule.wireName() + " has " + list.size() + " entries; at most " + MAX_LIST_SIZE + " are allowed");
            return false;
        }
        return true;
    }

    private static void fail(List<Violation> violations, String message) {
        violations.add(Violation.badParameter(message));
    }
}
