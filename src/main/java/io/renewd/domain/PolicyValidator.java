package io.renewd.domain;

import javax.security.auth.x500.X500Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Key Vault's policy rules (and renewd's extensions), each with its own message; fills in
 * Key Vault's defaults for absent members. Pure: the same draft always gives the same result.
 */
public final class PolicyValidator {

    public static final int MAX_SUBJECT_LENGTH = 200;
    public static final int MAX_VALIDITY_MONTHS = 1200;
    public static final Duration MIN_VALIDITY = Duration.ofMinutes(5);
    public static final Set<Integer> RSA_KEY_SIZES = Set.of(2048, 3072, 4096);
    static final int DEFAULT_RSA_KEY_SIZE = 2048;
    public static final int DEFAULT_VALIDITY_MONTHS = 12;
    static final int DEFAULT_ACTION_PERCENTAGE = 80;
    static final Set<KeyUsage> DEFAULT_KEY_USAGE = EnumSet.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);

    private static final Pattern OID = Pattern.compile("^[0-2](\\.(0|[1-9][0-9]*))+$");
    private static final Pattern MAIL_LIKE = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private PolicyValidator() {
    }

    /**
     * @param defaultIssuer the issuer when the draft names none: {@code Self} for create,
     *                      {@code Unknown} for import (DESIGN §2)
     */
    public static PolicyValidation validate(PolicyDraft draft, IssuerReference defaultIssuer) {
        var violations = new ArrayList<Violation>();
        KeyProperties key = key(draft.key(), violations);
        SecretContentType contentType = contentType(draft.contentType(), violations);
        X509Properties x509 = x509(draft.x509(), violations);
        IssuerReference issuer = issuer(draft.issuer(), defaultIssuer, violations);
        List<LifetimeAction> actions = x509 == null || issuer == null ? List.of()
                : lifetimeActions(draft.lifetimeActions(), x509.validity(), issuer, violations);
        if (!violations.isEmpty()) {
            return new PolicyValidation.Invalid(violations);
        }
        return new PolicyValidation.Valid(new CertificatePolicy(key, contentType, x509, actions, issuer,
                draft.enabled() == null || draft.enabled()));
    }

    private static KeyProperties key(PolicyDraft.KeyDraft draft, List<Violation> violations) {
        var key = draft == null ? new PolicyDraft.KeyDraft(null, null, null, null, null) : draft;
        boolean exportable = key.exportable() == null || key.exportable();
        boolean reuseKey = key.reuseKey() != null && key.reuseKey();
        String kty = key.kty() == null ? "RSA" : key.kty();
        KeySpec spec = switch (kty) {
            case "RSA" -> rsa(key, violations);
            case "EC" -> ec(key, violations);
            case "RSA-HSM", "EC-HSM" -> fail(violations, "key_props.kty '" + kty + "' is not supported: renewd has no HSM; use RSA or EC");
            default -> fail(violations, "key_props.kty '" + kty + "' is not supported: use RSA or EC");
        };
        return spec == null ? null : new KeyProperties(spec, exportable, reuseKey);
    }

    private static KeySpec rsa(PolicyDraft.KeyDraft key, List<Violation> violations) {
        if (key.crv() != null) {
            return fail(violations, "key_props.crv is only for EC keys; an RSA key has a key_size (2048, 3072 or 4096)");
        }
        int size = key.keySize() == null ? DEFAULT_RSA_KEY_SIZE : key.keySize();
        if (!RSA_KEY_SIZES.contains(size)) {
            return fail(violations, "key_props.key_size " + size + " is not allowed for RSA: use 2048, 3072 or 4096");
        }
        return new KeySpec.Rsa(size);
    }

    private static KeySpec ec(PolicyDraft.KeyDraft key, List<Violation> violations) {
        if (key.crv() == null) {
            return fail(violations, "key_props.crv is required for EC keys: P-256, P-384 or P-521");
        }
        var curve = Curve.fromWireName(key.crv());
        if (curve.isEmpty()) {
            return fail(violations, "key_props.crv '" + key.crv() + "' is not supported: use P-256, P-384 or P-521");
        }
        if (key.keySize() != null && key.keySize() != curve.get().bits()) {
            return fail(violations, "key_props.key_size " + key.keySize() + " does not match crv " + key.crv()
                    + " (" + curve.get().bits() + " bits)");
        }
        return new KeySpec.Ec(curve.get());
    }

    private static SecretContentType contentType(String mediaType, List<Violation> violations) {
        if (mediaType == null) {
            return SecretContentType.PKCS12;
        }
        return SecretContentType.fromMediaType(mediaType).orElseGet(() -> fail(violations,
                "secret_props.contentType '" + mediaType + "' is not supported: use application/x-pkcs12 or application/x-pem-file"));
    }

    private static X509Properties x509(PolicyDraft.X509Draft draft, List<Violation> violations) {
        var x509 = draft == null ? new PolicyDraft.X509Draft(null, null, null, null, null, null) : draft;
        int before = violations.size();
        var sans = x509.sans() == null ? SubjectAlternativeNames.NONE : x509.sans();
        String subject = subject(x509.subject(), sans, violations);
        sans(sans, violations);
        List<String> ekus = x509.ekus() == null ? List.of() : x509.ekus();
        ekus.stream().filter(eku -> eku == null || !OID.matcher(eku).matches()).forEach(eku ->
                fail(violations, "x509_props.ekus: '" + eku + "' is not an object identifier (e.g. 1.3.6.1.5.5.7.3.1)"));
        Set<KeyUsage> keyUsage = keyUsage(x509.keyUsage(), violations);
        Validity validity = validity(x509, violations);
        return violations.size() > before ? null : new X509Properties(subject, sans, ekus, keyUsage, validity);
    }

    private static String subject(String subject, SubjectAlternativeNames sans, List<Violation> violations) {
        if (subject == null || subject.isBlank()) {
            if (sans.isEmpty()) {
                fail(violations, "x509_props.subject is required unless x509_props.sans names the certificate");
            }
            return "";
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            fail(violations, "x509_props.subject is " + subject.length() + " characters long; at most " + MAX_SUBJECT_LENGTH + " are allowed");
            return subject;
        }
        try {
            new X500Principal(subject);
        } catch (IllegalArgumentException e) {
            fail(violations, "x509_props.subject '" + subject + "' is not a distinguished name (e.g. CN=www.example.com,O=Example)");
        }
        return subject;
    }

    private static void sans(SubjectAlternativeNames sans, List<Violation> violations) {
        sans.dnsNames().stream().filter(n -> !Names.isDnsName(n)).forEach(n ->
                fail(violations, "x509_props.sans.dns_names: '" + n + "' is not a DNS name"));
        sans.emails().stream().filter(e -> e == null || !MAIL_LIKE.matcher(e).matches()).forEach(e ->
                fail(violations, "x509_props.sans.emails: '" + e + "' is not an email address"));
        sans.upns().stream().filter(u -> u == null || !MAIL_LIKE.matcher(u).matches()).forEach(u ->
                fail(violations, "x509_props.sans.upns: '" + u + "' is not a user principal name (user@domain)"));
        sans.ipAddresses().stream().filter(ip -> !IpAddresses.isLiteral(ip)).forEach(ip ->
                fail(violations, "x509_props.sans.ipAddresses: '" + ip + "' is not an IPv4 or IPv6 address"));
    }

    private static Set<KeyUsage> keyUsage(List<String> names, List<Violation> violations) {
        if (names == null || names.isEmpty()) {
            return DEFAULT_KEY_USAGE;
        }
        var usage = EnumSet.noneOf(KeyUsage.class);
        for (String name : names) {
            KeyUsage.fromWireName(name).ifPresentOrElse(usage::add, () -> fail(violations, "x509_props.key_usage: '" + name
                    + "' is unknown; use digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, "
                    + "keyCertSign, cRLSign, encipherOnly or decipherOnly"));
        }
        return usage;
    }

    private static Validity validity(PolicyDraft.X509Draft x509, List<Violation> violations) {
        if (x509.validity() != null) {
            Duration duration;
            try {
                duration = Duration.parse(x509.validity());
            } catch (DateTimeParseException e) {
                return fail(violations, "x509_props.validity '" + x509.validity()
                        + "' is not an ISO-8601 duration such as PT24H, P6D or P47D (for months use validity_months)");
            }
            if (duration.compareTo(MIN_VALIDITY) < 0) {
                return fail(violations, "x509_props.validity " + x509.validity() + " is shorter than the minimum of 5 minutes (PT5M)");
            }
            return new Validity.Exact(duration);
        }
        int months = x509.validityMonths() == null ? DEFAULT_VALIDITY_MONTHS : x509.validityMonths();
        if (months < 1 || months > MAX_VALIDITY_MONTHS) {
            return fail(violations, "x509_props.validity_months " + months + " is out of range: 1 to " + MAX_VALIDITY_MONTHS);
        }
        return new Validity.Months(months);
    }

    private static IssuerReference issuer(PolicyDraft.IssuerDraft draft, IssuerReference defaultIssuer, List<Violation> violations) {
        if (draft == null || draft.name() == null) {
            return draft == null ? defaultIssuer
                    : new IssuerReference(defaultIssuer.name(), draft.certificateType(), draft.certificateTransparency());
        }
        String name = draft.name();
        if (name.equalsIgnoreCase(IssuerReference.SELF)) {
            name = IssuerReference.SELF;
        } else if (name.equalsIgnoreCase(IssuerReference.UNKNOWN)) {
            name = IssuerReference.UNKNOWN;
        } else if (!Names.isValidObjectName(name)) {
            return fail(violations, "issuer.name '" + name + "' is not Self, Unknown or a valid issuer name (" + Names.RULE + ")");
        }
        return new IssuerReference(name, draft.certificateType(), draft.certificateTransparency());
    }

    private static List<LifetimeAction> lifetimeActions(List<PolicyDraft.ActionDraft> drafts, Validity validity,
                                                        IssuerReference issuer, List<Violation> violations) {
        if (drafts == null || drafts.isEmpty()) {
            ActionType type = issuer.isUnknown() ? ActionType.EMAIL_CONTACTS : ActionType.AUTO_RENEW;
            return List.of(new LifetimeAction(new LifetimeTrigger.LifetimePercentage(DEFAULT_ACTION_PERCENTAGE), type));
        }
        var actions = new ArrayList<LifetimeAction>();
        var seen = EnumSet.noneOf(ActionType.class);
        for (var draft : drafts) {
            LifetimeTrigger trigger = trigger(draft, validity, violations);
            ActionType type = actionType(draft, violations);
            if (type == null) {
                continue;
            }
            if (!seen.add(type)) {
                fail(violations, "lifetime_actions: only one " + type.wireName() + " action is allowed");
            } else if (type == ActionType.AUTO_RENEW && issuer.isUnknown()) {
                fail(violations, "lifetime_actions: AutoRenew is not possible with issuer Unknown (a person signs the CSR); use EmailContacts");
            } else if (trigger != null) {
                actions.add(new LifetimeAction(trigger, type));
            }
        }
        return actions;
    }

    private static LifetimeTrigger trigger(PolicyDraft.ActionDraft draft, Validity validity, List<Violation> violations) {
        Integer percentage = draft.lifetimePercentage();
        Integer days = draft.daysBeforeExpiry();
        if ((percentage == null) == (days == null)) {
            return fail(violations, "lifetime_actions: each action needs exactly one trigger, lifetime_percentage or days_before_expiry");
        }
        if (percentage != null) {
            if (percentage < 1 || percentage > 99) {
                return fail(violations, "lifetime_actions: lifetime_percentage " + percentage + " is out of range: 1 to 99");
            }
            return new LifetimeTrigger.LifetimePercentage(percentage);
        }
        if (days < 1) {
            return fail(violations, "lifetime_actions: days_before_expiry " + days + " must be at least 1");
        }
        if (!validity.allowsDaysBeforeExpiry(days)) {
            String bound = switch (validity) {
                case Validity.Months m -> "at most validity_months x 27 = " + (m.months() * 27);
                case Validity.Exact e -> "shorter than the validity " + e.duration();
            };
            return fail(violations, "lifetime_actions: days_before_expiry " + days + " is too large: it must be " + bound);
        }
        return new LifetimeTrigger.DaysBeforeExpiry(days);
    }

    private static ActionType actionType(PolicyDraft.ActionDraft draft, List<Violation> violations) {
        if (draft.actionType() == null) {
            return fail(violations, "lifetime_actions: action.action_type is required: EmailContacts or AutoRenew");
        }
        return ActionType.fromWireName(draft.actionType()).orElseGet(() -> fail(violations,
                "lifetime_actions: action_type '" + draft.actionType() + "' is unknown; use EmailContacts or AutoRenew"));
    }

    private static <T> T fail(List<Violation> violations, String message) {
        violations.add(Violation.badParameter(message));
        return null;
    }
}
