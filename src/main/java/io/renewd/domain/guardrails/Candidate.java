package io.renewd.domain.guardrails;

import io.renewd.domain.CertificateFacts;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.Durations;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.Validity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What the guardrails judge: a policy (the certificates it will make) or a certificate (imported
 * or merged), reduced to what the rules look at.
 *
 * @param what      how messages name it: "the policy", "the imported certificate", …
 * @param key       the key's kind and strength
 * @param validity  the longest lifetime: notAfter − notBefore of a certificate, the longest a policy's validity gives
 * @param validityText how {@code validity} came about, for messages
 * @param ekus      extended key usages (OIDs)
 * @param issuer    the issuer name: the policy's, {@code Unknown} for a merge and (by default) for an import
 * @param dnsNames  the DNS names: dNSName SANs, and the subject's common name when it is a DNS name
 * @param ca        whether it is (or asks for) a CA certificate: key usage keyCertSign
 * @param sanTypes  the kinds of subject alternative names it carries
 */
public record Candidate(String what, KeySpec key, Duration validity, String validityText, List<String> ekus, String issuer,
                        List<String> dnsNames, boolean ca, Set<SanType> sanTypes) {

    /** A candidate that is no CA and whose SAN types are not judged. */
    public Candidate(String what, KeySpec key, Duration validity, String validityText, List<String> ekus, String issuer, List<String> dnsNames) {
        this(what, key, validity, validityText, ekus, issuer, dnsNames, false, Set.of());
    }

    /** A common name counts as a DNS name when it has at least two labels, as in {@code CN=www.example.com}. */
    private static final Pattern DNS_LIKE = Pattern.compile(
            "^(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+\\.?$");

    public Candidate {
        ekus = List.copyOf(ekus);
        dnsNames = List.copyOf(dnsNames);
        sanTypes = Set.copyOf(sanTypes);
    }

    /** The certificates {@code policy} makes, judged by their longest possible lifetime. */
    public static Candidate ofPolicy(String what, CertificatePolicy policy) {
        Validity validity = policy.x509().validity();
        Duration longest = ValidityBounds.longest(validity);
        String text = switch (validity) {
            case Validity.Months months -> "asks for validity_months " + months.months() + " (up to " + longest.toDays() + " days)";
            case Validity.Exact exact -> "asks for a validity of " + Durations.iso(exact.duration());
        };
        return new Candidate(what, policy.key().spec(), longest, text, policy.x509().ekus(), policy.issuer().name(),
                dnsNames(policy.x509().sans().dnsNames(), policy.x509().subject()), policy.x509().isCertificateAuthority(),
                SanType.of(policy.x509().sans()));
    }

    /** A certificate as it is: its lifetime from notBefore to notAfter. */
    public static Candidate ofCertificate(String what, CertificateFacts facts, String issuer) {
        Duration lifetime = Duration.between(facts.notBefore(), facts.notAfter());
        return new Candidate(what, facts.keySpec(), lifetime, "is valid for " + Durations.iso(lifetime) + " (notBefore "
                + facts.notBefore() + ", notAfter " + facts.notAfter() + ")", facts.ekus(), issuer,
                dnsNames(facts.sans().dnsNames(), facts.subject()), facts.keyUsage().contains(KeyUsage.KEY_CERT_SIGN), SanType.of(facts.sans()));
    }

    /** This candidate judged with another lifetime (an imported policy's validity is the certificate's own). */
    public Candidate withValidity(Duration validity, String validityText) {
        return new Candidate(what, key, validity, validityText, ekus, issuer, dnsNames, ca, sanTypes);
    }

    /** This candidate with another key (the one a pending operation made). */
    public Candidate withKey(KeySpec key) {
        return new Candidate(what, key, validity, validityText, ekus, issuer, dnsNames, ca, sanTypes);
    }

    /** This candidate from another issuer (the one a pending operation actually calls). */
    public Candidate withIssuer(String issuer) {
        return new Candidate(what, key, validity, validityText, ekus, issuer, dnsNames, ca, sanTypes);
    }

    static List<String> dnsNames(List<String> sans, String subject) {
        var names = new LinkedHashSet<String>(sans);
        names.addAll(dnsLikeCommonNames(subject));
        return new ArrayList<>(names);
    }

    /** The subject's CN values that are DNS names; nothing for an empty or unreadable subject. */
    static List<String> dnsLikeCommonNames(String subject) {
        if (subject == null || subject.isBlank()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            String rfc2253 = new X500Principal(subject).getName(X500Principal.RFC2253);
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                var attributes = rdn.toAttributes().get("CN");
                if (attributes == null) {
                    continue;
                }
                for (int i = 0; i < attributes.size(); i++) {
                    Object value = attributes.get(i);
                    if (value instanceof String cn && DNS_LIKE.matcher(cn.toLowerCase(Locale.ROOT)).matches()) {
                        names.add(cn);
                    }
                }
            }
        } catch (IllegalArgumentException | NamingException e) {
            return List.of();
        }
        return names;
    }
}
