package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.SubjectAlternativeNames;

import java.time.Instant;
import java.util.List;

/**
 * A certificate policy in Key Vault's JSON (7.4 to 7.6), plus renewd's extensions
 * {@code x509_props.validity} (ISO-8601 duration) and {@code x509_props.sans.ip_addresses}.
 * Every member Key Vault defines is accepted (the read-only {@code id} and attribute times are
 * ignored); {@link StrictJson} refuses others.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyModel(
        String id,
        @JsonProperty("key_props") KeyProps keyProps,
        @JsonProperty("secret_props") SecretProps secretProps,
        @JsonProperty("x509_props") X509Props x509Props,
        @JsonProperty("lifetime_actions") List<LifetimeActionModel> lifetimeActions,
        Issuer issuer,
        CertificateAttributesModel attributes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyProps(Boolean exportable, String kty, @JsonProperty("key_size") Integer keySize,
                           @JsonProperty("reuse_key") Boolean reuseKey, String crv) {
    }

    public record SecretProps(String contentType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record X509Props(String subject, List<String> ekus, Sans sans, @JsonProperty("key_usage") List<String> keyUsage,
                            @JsonProperty("validity_months") Integer validityMonths, String validity) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Sans(List<String> emails, @JsonProperty("dns_names") List<String> dnsNames, List<String> upns,
                       @JsonProperty("ip_addresses") List<String> ipAddresses) {
    }

    public record LifetimeActionModel(Trigger trigger, Action action) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(@JsonProperty("lifetime_percentage") Integer lifetimePercentage,
                          @JsonProperty("days_before_expiry") Integer daysBeforeExpiry) {
    }

    public record Action(@JsonProperty("action_type") String actionType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issuer(String name, String cty, @JsonProperty("cert_transparency") Boolean certTransparency) {
    }

    /** What the user asked for, members they left out as null. */
    public PolicyDraft toDraft() {
        var key = keyProps == null ? null
                : new PolicyDraft.KeyDraft(keyProps.kty(), keyProps.keySize(), keyProps.crv(), keyProps.exportable(), keyProps.reuseKey());
        var x509 = x509Props == null ? null : new PolicyDraft.X509Draft(x509Props.subject(),
                x509Props.sans() == null ? null : new SubjectAlternativeNames(x509Props.sans().dnsNames(), x509Props.sans().emails(),
                        x509Props.sans().upns(), x509Props.sans().ipAddresses()),
                x509Props.ekus(), x509Props.keyUsage(), x509Props.validityMonths(), x509Props.validity());
        var actions = lifetimeActions == null ? null : lifetimeActions.stream()
                .map(a -> new PolicyDraft.ActionDraft(
                        a == null || a.trigger() == null ? null : a.trigger().lifetimePercentage(),
                        a == null || a.trigger() == null ? null : a.trigger().daysBeforeExpiry(),
                        a == null || a.action() == null ? null : a.action().actionType()))
                .toList();
        var issuerDraft = issuer == null ? null : new PolicyDraft.IssuerDraft(issuer.name(), issuer.cty(), issuer.certTransparency());
        return new PolicyDraft(key, secretProps == null ? null : secretProps.contentType(), x509, actions, issuerDraft,
                attributes == null ? null : attributes.enabled());
    }

    public static PolicyModel of(String id, CertificatePolicy policy, Instant created, Instant updated) {
        PolicyDraft d = PolicyDraft.of(policy);
        var sans = d.x509().sans();
        return new PolicyModel(id,
                new KeyProps(d.key().exportable(), d.key().kty(), d.key().keySize(), d.key().reuseKey(), d.key().crv()),
                new SecretProps(d.contentType()),
                new X509Props(d.x509().subject(), d.x509().ekus(),
                        new Sans(sans.emails(), sans.dnsNames(), sans.upns(), sans.ipAddresses()),
                        d.x509().keyUsage(), d.x509().validityMonths(), d.x509().validity()),
                d.lifetimeActions().stream().map(a -> new LifetimeActionModel(
                        new Trigger(a.lifetimePercentage(), a.daysBeforeExpiry()), new Action(a.actionType()))).toList(),
                new Issuer(d.issuer().name(), d.issuer().certificateType(), d.issuer().certificateTransparency()),
                new CertificateAttributesModel(d.enabled(), null, null, created.getEpochSecond(), updated.getEpochSecond(), null, null));
    }
}
