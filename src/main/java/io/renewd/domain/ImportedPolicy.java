package io.renewd.domain;

import javax.security.auth.x500.X500Principal;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The policy of an imported certificate: derived from the certificate (subject, SANs, key,
 * usages, validity) and the format it came in (its secret's content type) with issuer {@code Unknown},
 * overlaid by what the user supplied; refused when what was supplied contradicts the certificate.
 */
public final class ImportedPolicy {

    private ImportedPolicy() {
    }

    public static PolicyValidation resolve(CertificateFacts facts, SecretContentType imported, PolicyDraft supplied) {
        PolicyDraft derived = derive(facts, imported);
        PolicyDraft merged = supplied == null ? derived : supplied.over(derived);
        PolicyValidation result = PolicyValidator.validate(merged, IssuerReference.unknown());
        if (result instanceof PolicyValidation.Valid valid) {
            return contradiction(valid.policy(), facts)
                    .<PolicyValidation>map(v -> new PolicyValidation.Invalid(List.of(v)))
                    .orElse(result);
        }
        return result;
    }

    static PolicyDraft derive(CertificateFacts facts, SecretContentType imported) {
        var key = switch (facts.keySpec()) {
            case KeySpec.Rsa rsa -> new PolicyDraft.KeyDraft("RSA", rsa.size(), null, true, false);
            case KeySpec.Ec ec -> new PolicyDraft.KeyDraft("EC", ec.curve().bits(), ec.curve().wireName(), true, false);
        };
        Validity validity = validityOf(facts);
        var x509 = new PolicyDraft.X509Draft(facts.subject(), facts.sans(), facts.ekus(),
                facts.keyUsage().stream().sorted().map(KeyUsage::wireName).toList(),
                validity instanceof Validity.Months m ? m.months() : null,
                validity instanceof Validity.Exact e ? e.duration().toString() : null);
        return new PolicyDraft(key, imported.mediaType(), x509, null, null, null);
    }

    /** Whole months when the certificate lives at least one, else its exact lifetime. */
    static Validity validityOf(CertificateFacts facts) {
        long months = Period.between(facts.notBefore().atOffset(ZoneOffset.UTC).toLocalDate(),
                facts.notAfter().atOffset(ZoneOffset.UTC).toLocalDate()).toTotalMonths();
        Duration lifetime = Duration.between(facts.notBefore(), facts.notAfter());
        if (months >= 1) {
            return new Validity.Months((int) Math.min(months, PolicyValidator.MAX_VALIDITY_MONTHS));
        }
        return new Validity.Exact(lifetime.compareTo(PolicyValidator.MIN_VALIDITY) < 0 ? PolicyValidator.MIN_VALIDITY : lifetime);
    }

    private static Optional<Violation> contradiction(CertificatePolicy policy, CertificateFacts facts) {
        if (!policy.key().spec().equals(facts.keySpec())) {
            return Optional.of(Violation.badParameter("the policy's key_props (" + describe(policy.key().spec())
                    + ") contradict the certificate's key (" + describe(facts.keySpec()) + ")"));
        }
        if (!sameName(policy.x509().subject(), facts.subject())) {
            return Optional.of(Violation.badParameter("the policy's subject '" + policy.x509().subject()
                    + "' contradicts the certificate's subject '" + facts.subject() + "'"));
        }
        if (!sameSans(policy.x509().sans(), facts.sans())) {
            return Optional.of(Violation.badParameter("the policy's sans contradict the certificate's subject alternative names"));
        }
        return Optional.empty();
    }

    private static boolean sameName(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return new X500Principal(a).equals(new X500Principal(b));
    }

    private static boolean sameSans(SubjectAlternativeNames a, SubjectAlternativeNames b) {
        return new HashSet<>(a.dnsNames()).equals(new HashSet<>(b.dnsNames()))
                && new HashSet<>(a.emails()).equals(new HashSet<>(b.emails()))
                && new HashSet<>(a.upns()).equals(new HashSet<>(b.upns()))
                && new HashSet<>(a.ipAddresses()).equals(new HashSet<>(b.ipAddresses()));
    }

    private static String describe(KeySpec spec) {
        return switch (spec) {
            case KeySpec.Rsa rsa -> "RSA " + rsa.size();
            case KeySpec.Ec ec -> "EC " + ec.curve().wireName();
        };
    }
}
