package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * Key Vault's CertificateBundle (and DeletedCertificateBundle when the deleted members are
 * set), plus renewd's {@code renewal} status of the current version. {@code preserveCertOrder} is null
 * (absent) for API versions before 7.6.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateBundleModel(String id, String kid, String sid, String x5t, PolicyModel policy, String cer,
                                     String contentType, CertificateAttributesModel attributes, Map<String, String> tags,
                                     Boolean preserveCertOrder, String recoveryId, Long scheduledPurgeDate, Long deletedDate,
                                     RenewalModel renewal) {

    /** renewd's status of the current version: next due action, last fired one, overdue, expired, the CA's renewal window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenewalModel(Due next, Fired lastFired, boolean overdue, boolean expired, Ari ari) {

        public record Due(String action, String trigger, long dueAt) {
        }

        public record Fired(String action, String trigger, long firedAt, boolean late) {
        }

        /** The ACME CA's suggested renewal window (RFC 9773), in seconds since the epoch like the other times. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Ari(Long start, Long end, String explanationUrl, Long lastChecked, long nextCheck, String error) {
        }
    }

    public CertificateBundleModel withRenewal(RenewalModel status) {
        return new CertificateBundleModel(id, kid, sid, x5t, policy, cer, contentType, attributes, tags, preserveCertOrder,
                recoveryId, scheduledPurgeDate, deletedDate, status);
    }
}
