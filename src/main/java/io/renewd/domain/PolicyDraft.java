package io.renewd.domain;

import java.util.List;

/**
 * A policy as a user sends it: Key Vault's members, any of them absent (null). {@link
 * PolicyValidator} turns it into a {@link CertificatePolicy} or names what is wrong;
 * {@link #over(PolicyDraft)} gives PATCH its "only the members sent change" meaning.
 */
public record PolicyDraft(KeyDraft key, String contentType, X509Draft x509, List<ActionDraft> lifetimeActions,
                          IssuerDraft issuer, Boolean enabled) {

    public static final PolicyDraft EMPTY = new PolicyDraft(null, null, null, null, null, null);

    public record KeyDraft(String kty, Integer keySize, String crv, Boolean exportable, Boolean reuseKey) {
        /** A different key type brings its own size and curve: the old ones would not fit it. */
        KeyDraft over(KeyDraft base) {
            if (base == null) {
                return this;
            }
            boolean sameType = kty == null || kty.equals(base.kty);
            return new KeyDraft(or(kty, base.kty), sameType ? or(keySize, base.keySize) : keySize, sameType ? or(crv, base.crv) : crv,
                    or(exportable, base.exportable), or(reuseKey, base.reuseKey));
        }
    }

    /** {@code validity} is renewd's ISO-8601 duration extension; it wins over {@code validityMonths}. */
    public record X509Draft(String subject, SubjectAlternativeNames sans, List<String> ekus, List<String> keyUsage,
                            Integer validityMonths, String validity) {
        X509Draft over(X509Draft base) {
            if (base == null) {
                return this;
            }
            return new X509Draft(or(subject, base.subject), or(sans, base.sans), or(ekus, base.ekus),
                    or(keyUsage, base.keyUsage), or(validityMonths, base.validityMonths), or(validity, base.validity));
        }
    }

    public record ActionDraft(Integer lifetimePercentage, Integer daysBeforeExpiry, String actionType) {
    }

    public record IssuerDraft(String name, String certificateType, Boolean certificateTransparency) {
        IssuerDraft over(IssuerDraft base) {
            if (base == null) {
                return this;
            }
            return new IssuerDraft(or(name, base.name), or(certificateType, base.certificateType),
                    or(certificateTransparency, base.certificateTransparency));
        }
    }

    /** This draft's members where present, {@code base}'s elsewhere (member by member, lists whole). */
    public PolicyDraft over(PolicyDraft base) {
        return new PolicyDraft(
                key == null ? base.key : key.over(base.key),
                or(contentType, base.contentType),
                x509 == null ? base.x509 : x509.over(base.x509),
                or(lifetimeActions, base.lifetimeActions),
                issuer == null ? base.issuer : issuer.over(base.issuer),
                or(enabled, base.enabled));
    }

    /** The draft that describes an existing policy exactly. */
    public static PolicyDraft of(CertificatePolicy policy) {
        var keyDraft = switch (policy.key().spec()) {
            case KeySpec.Rsa rsa -> new KeyDraft("RSA", rsa.size(), null, policy.key().exportable(), policy.key().reuseKey());
            case KeySpec.Ec ec -> new KeyDraft("EC", ec.curve().bits(), ec.curve().wireName(), policy.key().exportable(), policy.key().reuseKey());
        };
        var x509 = policy.x509();
        var x509Draft = switch (x509.validity()) {
            case Validity.Months months -> new X509Draft(x509.subject(), x509.sans(), x509.ekus(), keyUsageNames(x509), months.months(), null);
            case Validity.Exact exact -> new X509Draft(x509.subject(), x509.sans(), x509.ekus(), keyUsageNames(x509), null, Durations.iso(exact.duration()));
        };
        var actions = policy.lifetimeActions().stream().map(action -> switch (action.trigger()) {
            case LifetimeTrigger.LifetimePercentage p -> new ActionDraft(p.percent(), null, action.type().wireName());
            case LifetimeTrigger.DaysBeforeExpiry d -> new ActionDraft(null, d.days(), action.type().wireName());
        }).toList();
        var issuer = policy.issuer();
        return new PolicyDraft(keyDraft, policy.contentType().mediaType(), x509Draft, actions,
                new IssuerDraft(issuer.name(), issuer.certificateType(), issuer.certificateTransparency()), policy.enabled());
    }

    private static List<String> keyUsageNames(X509Properties x509) {
        return x509.keyUsage().stream().sorted().map(KeyUsage::wireName).toList();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
