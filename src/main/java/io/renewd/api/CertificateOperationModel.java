package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Key Vault's CertificateOperation: the pending create or renewal of a certificate. {@code preserveCertOrder} is null
 * (absent) for API versions before 7.6.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateOperationModel(String id, PolicyModel.Issuer issuer, String csr,
                                        @JsonProperty("cancellation_requested") boolean cancellationRequested,
                                        String status, @JsonProperty("status_details") String statusDetails,
                                        KeyVaultError.Detail error, String target, @JsonProperty("request_id") String requestId,
                                        Boolean preserveCertOrder) {
}
