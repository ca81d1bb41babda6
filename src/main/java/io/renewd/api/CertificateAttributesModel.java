package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Key Vault's certificate attributes; times are Unix seconds. Only {@code enabled} is writable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateAttributesModel(Boolean enabled, Long nbf, Long exp, Long created, Long updated,
                                         String recoveryLevel, Integer recoverableDays) {
}
