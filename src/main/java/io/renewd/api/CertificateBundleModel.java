package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * Key Vault's CertificateBundle (and DeletedCertificateBundle when the deleted members are
 * set), plus renewd's {@code renewal} status of the current version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateBundleModel(String id, String kid, String sid, String x5t, PolicyModel policy, String cer,
                                     String contentType, CertificateAttributesModel attributes, Map<String, String> tags,
                                     String recoveryId, Long scheduledPurgeDate, Long deletedDate) {
}
