package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** Key Vault's CertificateItem (and DeletedCertificateItem when the deleted members are set). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateItemModel(String id, CertificateAttributesModel attributes, Map<String, String> tags, String x5t,
                                   String recoveryId, Long scheduledPurgeDate, Long deletedDate) {
}
