package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;
import io.renewd.domain.Durations;
import io.renewd.domain.KeySpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Judges a {@link Candidate} against a vault's {@link Guardrails}: one small function per rule,
 * each naming what broke it and the limit. Pure: no clock, no storage.
 */
public final class GuardrailCheck {

    /** How many offending DNS names a message lists before it only counts the rest. */
    static final int NAMES_SHOWN = 10;

    private GuardrailCheck() {
    }

    /**
     * Every rule {@code candidate} breaks, in the order of {@link Guardrail}.
     *
     * @param serverAuthDefault the deployment's maximum validity for serverAuth certificates, used
     *                          while the vault sets no {@code max_validity}; null for none
     */
    public static List<GuardrailViolation> check(Guardrails guardrails, Candidate candidate, Duration serverAuthDefault) {
        return Stream.of(
                        minRsaKeySize(guardrails, candidate),
                        allowedCurves(guardrails, candidate),
                        maxValidity(guardrails, candidate, serverAuthDefault),
                        allowedIssuers(guardrails, candidate),
                        allowedDnsNames(guardrails, candidate),
                        allowCa(guardrails, candidate),
                        allowedEkus(guardrails, candidate),
                        allowedSanTypes(guardrails, candidate))
                .flatMap(Optional::stream)
                .toList();
    }

    /** One line for an error response or a failed operation: the vault and every rule broken. */
    public static String message(String vault, List<GuardrailViolation> violations) {
        return "forbidden by the guardrails of vault '" + vault + "': "
                + String.join("; ", violations.stream().map(GuardrailViolation::message).toList());
    }

    static Optional<GuardrailViolation> minRsaKeySize(Guardrails guardrails, Candidate candidate) {
        Integer minimum = guardrails.minRsaKeySize();
        if (minimum == null || !(candidate.key() instanceof KeySpec.Rsa rsa) || rsa.size() >= minimum) {
            return Optional.empty();
        }
        return violation(Guardrail.MIN_RSA_KEY_SIZE, candidate.what() + " has an RSA key of " + rsa.size()
                + " bits; this vault requires at least " + minimum + " bits");
    }

    static Optional<GuardrailViolation> allowedCurves(Guardrails guardrails, Candidate candidate) {
        var allowed = guardrails.allowedCurves();
        if (allowed == null || !(candidate.key() instanceof KeySpec.Ec ec) || allowed.contains(ec.curve())) {
            return Optional.empty();
        }
        String limit = allowed.isEmpty() ? "this vault allows no EC keys (allowed_curves is empty): use RSA"
                : "this vault allows only " + String.join(", ", allowed.stream().sorted().map(Curve::wireName).toList());
        return violation(Guardrail.ALLOWED_CURVES, candidate.what() + " has an EC key on " + ec.curve().wireName() + "; " + limit);
    }

    static Optional<GuardrailViolation> maxValidity(Guardrails guardrails, Candidate candidate, Duration serverAuthDefault) {
        var limit = guardrails.maxValidityFor(candidate.ekus(), serverAuthDefault);
        if (limit.isEmpty() || candidate.validity().compareTo(limit.get().maximum()) <= 0) {
            return Optional.empty();
        }
        String maximum = Durations.iso(limit.get().maximum());
        String whose = limit.get().serverAuthDefault()
                ? "longer than the maximum of " + maximum + " for serverAuth certificates (renewd's default after the CA/Browser Forum "
                  + "limit, which applies while the vault sets no max_validity of its own)"
                : "longer than this vault's maximum of " + maximum;
        return violation(Guardrail.MAX_VALIDITY, candidate.what() + " " + candidate.validityText() + ", " + whose);
    }

    static Optional<GuardrailViolation> allowedIssuers(Guardrails guardrails, Candidate candidate) {
        var allowed = guardrails.allowedIssuers();
        if (allowed == null || allowed.stream().anyMatch(name -> name.equalsIgnoreCase(candidate.issuer()))) {
            return Optional.empty();
        }
        return violation(Guardrail.ALLOWED_ISSUERS, candidate.what() + " names issuer '" + candidate.issuer()
                + "'; this vault allows only " + String.join(", ", allowed));
    }

    static Optional<GuardrailViolation> allowedDnsNames(Guardrails guardrails, Candidate candidate) {
        var patterns = guardrails.allowedDnsNames();
        if (patterns == null) {
            return Optional.empty();
        }
        List<String> refused = new ArrayList<>();
        for (String name : candidate.dnsNames()) {
            if (patterns.stream().noneMatch(pattern -> pattern.matches(name))) {
                refused.add(name);
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", refused.subList(0, Math.min(refused.size(), NAMES_SHOWN)))
                + (refused.size() > NAMES_SHOWN ? " and " + (refused.size() - NAMES_SHOWN) + " more" : "");
        String limit = patterns.isEmpty() ? "this vault allows no DNS names (allowed_dns_names is empty)"
                : "this vault allows only " + String.join(", ", patterns.stream().map(DnsNamePattern::text).toList());
        return violation(Guardrail.ALLOWED_DNS_NAMES, candidate.what() + " names " + names + ", which no pattern allows; " + limit);
    }

    static Optional<GuardrailViolation> allowCa(Guardrails guardrails, Candidate candidate) {
        if (!Boolean.FALSE.equals(guardrails.allowCa()) || !candidate.ca()) {
            return Optional.empty();
        }
        return violation(Guardrail.ALLOW_CA, candidate.what() + " is a CA certificate (key usage keyCertSign); this vault allows "
                + "no CA certificates (allow_ca is false, as in any guardrails that leave it out)");
    }

    /** Certificates without EKUs are not concerned: the rule limits the purposes a certificate names. */
    static Optional<GuardrailViolation> allowedEkus(Guardrails guardrails, Candidate candidate) {
        var allowed = guardrails.allowedEkus();
        if (allowed == null) {
            return Optional.empty();
        }
        List<String> refused = candidate.ekus().stream().filter(eku -> !allowed.contains(eku)).toList();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String limit = allowed.isEmpty() ? "this vault allows no extended key usages (allowed_ekus is empty)"
                : "this vault allows only " + String.join(", ", allowed);
        return violation(Guardrail.ALLOWED_EKUS, candidate.what() + " has extended key usage " + String.join(", ", refused) + "; " + limit);
    }

    static Optional<GuardrailViolation> allowedSanTypes(Guardrails guardrails, Candidate candidate) {
        var allowed = guardrails.allowedSanTypes();
        if (allowed == null) {
            return Optional.empty();
        }
        List<String> refused = candidate.sanTypes().stream().filter(type -> !allowed.contains(type)).sorted().map(SanType::wireName).toList();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String limit = allowed.isEmpty() ? "this vault allows no subject alternative names (allowed_san_types is empty)"
                : "this vault allows only " + String.join(", ", allowed.stream().sorted().map(SanType::wireName).toList());
        return violation(Guardrail.ALLOWED_SAN_TYPES, candidate.what() + " has " + String.join(", ", refused) + " subject alternative names; " + limit);
    }

    private static Optional<GuardrailViolation> violation(Guardrail rule, String message) {
        return Optional.of(new GuardrailViolation(rule, rule.wireName() + ": " + message));
    }
}
