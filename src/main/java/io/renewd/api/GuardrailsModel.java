package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.renewd.application.guardrails.GuardrailsView;
import io.renewd.domain.Durations;
import io.renewd.domain.guardrails.GuardrailsDraft;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A vault's guardrails (renewd's extension, in Key Vault's snake_case style). A member left out
 * sets no rule; an empty list allows nothing of its kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Guardrails", description = "What the certificates of a vault may be: checked when a policy is set, a certificate is "
        + "created, imported or merged (400 ForbiddenByGuardrail) and before every renewal. A member left out sets no rule.")
public record GuardrailsModel(
        @Schema(readOnly = true, description = "The guardrails' URL")
        String id,
        @JsonProperty("min_rsa_key_size")
        @Schema(description = "RSA keys must have at least this many bits (EC keys are not concerned)", minimum = "2048", maximum = "16384",
                examples = "3072")
        Integer minRsaKeySize,
        @JsonProperty("allowed_curves")
        @Schema(description = "EC keys must be on one of these curves: P-256, P-384, P-521 (RSA keys are not concerned); [] allows no EC key",
                examples = "[\"P-256\", \"P-384\"]")
        List<String> allowedCurves,
        @JsonProperty("max_validity")
        @Schema(description = "No certificate may be valid longer (notAfter - notBefore; a policy's validity_months counts as its longest "
                + "span, 31 days for one month, 366 for twelve). ISO-8601 duration in days, hours, minutes or seconds, PT5M to P36525D. "
                + "Replaces default_server_auth_max_validity for this vault.", examples = "P90D")
        String maxValidity,
        @JsonProperty("allowed_issuers")
        @Schema(description = "Issuers a certificate may come from: Self, Unknown (manual CSR and merge, and imports) or issuer names of the "
                + "vault; case-insensitive; not empty", examples = "[\"Self\", \"letsencrypt\"]")
        List<String> allowedIssuers,
        @JsonProperty("allowed_dns_names")
        @Schema(description = "Every DNS name of a certificate (dns_names SANs, and a subject CN that is a DNS name) must match one pattern: "
                + "an exact name, *.name (exactly one label in front of name) or **.name (one or more labels); case-insensitive; "
                + "[] allows no DNS name. IP addresses, emails and UPNs are not restricted.",
                examples = "[\"team-a.example.com\", \"*.team-a.example.com\"]")
        List<String> allowedDnsNames,
        @JsonProperty("allow_ca")
        @Schema(description = "Whether CA certificates (key usage keyCertSign) are allowed: self-signed, imported, restored or from an "
                + "issuer. False when left out: only a vault without any guardrails has no rule on CAs (as in Key Vault).",
                examples = "false")
        Boolean allowCa,
        @JsonProperty("allowed_ekus")
        @Schema(description = "Extended key usages a certificate may name: OIDs, or serverAuth, clientAuth, codeSigning, emailProtection, "
                + "timeStamping, OCSPSigning, smartcardLogon, anyExtendedKeyUsage (shown as OIDs); [] allows none. Certificates without "
                + "EKUs are not concerned.", examples = "[\"serverAuth\"]")
        List<String> allowedEkus,
        @JsonProperty("allowed_san_types")
        @Schema(description = "Kinds of subject alternative names a certificate may carry: dns, ip, email, upn; [] allows none",
                examples = "[\"dns\"]")
        List<String> allowedSanTypes,
        @JsonProperty("default_server_auth_max_validity")
        @Schema(readOnly = true, description = "The deployment's maximum validity of certificates whose EKUs include serverAuth "
                + "(1.3.6.1.5.5.7.3.1), applied while max_validity is not set (renewd.guardrails.server-auth-max-validity); "
                + "absent when the operator set none (the default)",
                examples = "P200D")
        String defaultServerAuthMaxValidity,
        @Schema(readOnly = true)
        Attributes attributes) {

    /** When the guardrails were first set and last changed (epoch seconds); absent when the vault never set any. */
    public record Attributes(Long created, Long updated) {
    }

    /** The members a user sets; read-only members are ignored. */
    GuardrailsDraft toDraft() {
        return new GuardrailsDraft(minRsaKeySize, allowedCurves, maxValidity, allowedIssuers, allowedDnsNames, allowCa, allowedEkus,
                allowedSanTypes);
    }

    static GuardrailsModel of(String id, GuardrailsView view) {
        GuardrailsDraft d = GuardrailsDraft.of(view.guardrails());
        return new GuardrailsModel(id, d.minRsaKeySize(), d.allowedCurves(), d.maxValidity(), d.allowedIssuers(), d.allowedDnsNames(),
                d.allowCa(), d.allowedEkus(), d.allowedSanTypes(),
                view.serverAuthMaxValidity() == null ? null : Durations.iso(view.serverAuthMaxValidity()),
                view.created() == null ? null : new Attributes(view.created().getEpochSecond(), view.updated().getEpochSecond()));
    }
}
